#pragma once
// The process-wide set of Prometheus metrics. Metrics are created once (at
// start-up or when a room or hall appears) and then updated lock-free; only
// creation and rendering take the registry's lock.

#include "common/counter.hpp"
#include "common/gauge.hpp"
#include "common/histogram.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace veche {

using metric_labels = std::vector<std::pair<std::string, std::string>>;

class metrics_registry {
public:
    counter& make_counter(const std::string& name, const std::string& help, const metric_labels& labels = {});
    // A counter kept in a finer unit than it is shown in: Prometheus wants base
    // units, so milliseconds counted as integers are shown as seconds (unit 0.001).
    counter& make_scaled_counter(const std::string& name, const std::string& help, const metric_labels& labels,
                                 double unit);
    gauge& make_gauge(const std::string& name, const std::string& help, const metric_labels& labels = {});
    histogram& make_histogram(const std::string& name, const std::string& help, std::vector<double> bounds,
                              const metric_labels& labels = {});
    // A gauge computed when scraped; fn must be safe to call from any thread.
    void add_gauge_callback(const std::string& name, const std::string& help, const metric_labels& labels,
                            std::function<double()> fn);

    // Text exposition format 0.0.4.
    std::string render() const;

private:
    enum class kind { counter, gauge, histogram };
    struct series {
        std::string labels;  // rendered: {a="b",c="d"} or empty
        std::unique_ptr<counter> c;
        std::unique_ptr<gauge> g;
        std::unique_ptr<histogram> h;
        std::function<double()> fn;
        double unit = 1;  // a counter's value is shown times this
    };
    struct family {
        std::string help;
        kind type;
        std::vector<series> items;
    };

    series& find_or_add(const std::string& name, const std::string& help, kind type, const metric_labels& labels);

    mutable std::mutex mutex_;
    std::map<std::string, family> families_;
};

}  // namespace veche
