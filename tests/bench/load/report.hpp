#pragma once
// One scenario's results: the machine, the command, every measurement window
// of Veche and of the reference, and the figures compared side by side with
// their ratio and the target. Printed as a table and written as JSON.

#include "delivery_stats.hpp"
#include "process_probe.hpp"
#include "target_server.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace veche::bench {

// One measurement window: a rate step of the fan-out, a whole storm, …
struct window {
    std::string label;
    double seconds = 0;
    std::size_t subscribers = 0;
    double offered_per_s = 0;  // deliveries offered a second (publish rate × subscribers), 0 when not paced
    delivery_stats audience;   // what the subscribers received
    delivery_stats senders;    // the publisher's, moderator's or voters' acks and errors
    process_sample server_from, server_to;
    process_sample generator_from, generator_to;
};

struct comparison {
    std::string figure;
    std::string unit;
    double veche = 0;
    std::optional<double> reference;  // none when the reference cannot do it
    bool higher_is_better = true;
    std::string target;               // the target, in words
    std::optional<bool> met;
};

class report {
public:
    report(std::string scenario, std::string command);

    void add_window(server_kind who, window w);
    // Adds the members to what the server's summary holds.
    void set_summary(server_kind who, nlohmann::json summary);
    void add_comparison(comparison c);
    void note(std::string text);
    // True when a check that must hold (smoke) failed.
    void fail(std::string why);
    bool failed() const { return !failures_.empty(); }

    nlohmann::json to_json() const;
    std::string to_table() const;

private:
    std::string scenario_;
    std::string command_;
    nlohmann::json machine_;
    std::vector<std::pair<server_kind, window>> windows_;
    nlohmann::json summaries_ = nlohmann::json::object();
    std::vector<comparison> comparisons_;
    std::vector<std::string> notes_;
    std::vector<std::string> failures_;
};

// The window's figures as JSON (also used by the table).
nlohmann::json window_json(const window& w);

}  // namespace veche::bench
