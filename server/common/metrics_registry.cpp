#include "common/metrics_registry.hpp"

#include <sstream>
#include <stdexcept>

namespace veche {
namespace {

std::string escape_label_value(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string render_labels(const metric_labels& labels) {
    if (labels.empty()) return {};
    std::string out = "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i) out += ',';
        out += labels[i].first + "=\"" + escape_label_value(labels[i].second) + '"';
    }
    return out + '}';
}

// Adds one more label to an already rendered label set (for histogram "le").
std::string with_label(const std::string& rendered, const std::string& extra) {
    if (rendered.empty()) return '{' + extra + '}';
    return rendered.substr(0, rendered.size() - 1) + ',' + extra + '}';
}

std::string format_number(double v) {
    std::ostringstream out;
    out.precision(12);
    out << v;
    return out.str();
}

}  // namespace

metrics_registry::series& metrics_registry::find_or_add(const std::string& name, const std::string& help, kind type,
                                                        const metric_labels& labels) {
    auto& fam = families_[name];
    if (fam.items.empty()) {
        fam.help = help;
        fam.type = type;
    } else if (fam.type != type) {
        throw std::logic_error("metric " + name + " registered with two types");
    }
    const auto rendered = render_labels(labels);
    for (auto& s : fam.items)
        if (s.labels == rendered) return s;
    fam.items.push_back(series{rendered, nullptr, nullptr, nullptr, nullptr});
    return fam.items.back();
}

counter& metrics_registry::make_counter(const std::string& name, const std::string& help,
                                        const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    auto& s = find_or_add(name, help, kind::counter, labels);
    if (!s.c) s.c = std::make_unique<counter>();
    return *s.c;
}

counter& metrics_registry::make_scaled_counter(const std::string& name, const std::string& help,
                                               const metric_labels& labels, double unit) {
    auto& c = make_counter(name, help, labels);
    std::lock_guard lock(mutex_);
    find_or_add(name, help, kind::counter, labels).unit = unit;
    return c;
}

gauge& metrics_registry::make_gauge(const std::string& name, const std::string& help, const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    auto& s = find_or_add(name, help, kind::gauge, labels);
    if (!s.g) s.g = std::make_unique<gauge>();
    return *s.g;
}

histogram& metrics_registry::make_histogram(const std::string& name, const std::string& help,
                                            std::vector<double> bounds, const metric_labels& labels) {
    std::lock_guard lock(mutex_);
    auto& s = find_or_add(name, help, kind::histogram, labels);
    if (!s.h) s.h = std::make_unique<histogram>(std::move(bounds));
    return *s.h;
}

void metrics_registry::add_gauge_callback(const std::string& name, const std::string& help,
                                          const metric_labels& labels, std::function<double()> fn) {
    std::lock_guard lock(mutex_);
    find_or_add(name, help, kind::gauge, labels).fn = std::move(fn);
}

std::string metrics_registry::render() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    for (const auto& [name, fam] : families_) {
        const char* type = fam.type == kind::counter ? "counter" : fam.type == kind::gauge ? "gauge" : "histogram";
        out << "# HELP " << name << ' ' << fam.help << '\n' << "# TYPE " << name << ' ' << type << '\n';
        for (const auto& s : fam.items) {
            if (s.c && s.unit == 1) out << name << s.labels << ' ' << s.c->value() << '\n';
            if (s.c && s.unit != 1)
                out << name << s.labels << ' ' << format_number(static_cast<double>(s.c->value()) * s.unit) << '\n';
            if (s.g) out << name << s.labels << ' ' << s.g->value() << '\n';
            if (s.fn) out << name << s.labels << ' ' << format_number(s.fn()) << '\n';
            if (s.h) {
                const auto& bounds = s.h->upper_bounds();
                for (std::size_t i = 0; i < bounds.size(); ++i)
                    out << name << "_bucket" << with_label(s.labels, "le=\"" + format_number(bounds[i]) + '"') << ' '
                        << s.h->cumulative_count(i) << '\n';
                out << name << "_bucket" << with_label(s.labels, "le=\"+Inf\"") << ' '
                    << s.h->cumulative_count(bounds.size()) << '\n';
                out << name << "_sum" << s.labels << ' ' << format_number(s.h->sum()) << '\n';
                out << name << "_count" << s.labels << ' ' << s.h->count() << '\n';
            }
        }
    }
    return out.str();
}

}  // namespace veche
