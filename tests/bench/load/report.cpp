#include "report.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/utsname.h>
#include <thread>

namespace veche::bench {
namespace {

std::string first_line_with(const std::string& path, const std::string& prefix) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(prefix, 0) == 0) {
            const auto value = line.find_first_not_of(" \t", line.find(':') + 1);
            return value == std::string::npos ? std::string{} : line.substr(value);
        }
    return {};
}

nlohmann::json machine() {
    utsname u{};
    ::uname(&u);
    std::ifstream load("/proc/loadavg");
    std::string l1, l5, l15;
    load >> l1 >> l5 >> l15;
    return {{"nproc", std::thread::hardware_concurrency()},
            {"cpu", first_line_with("/proc/cpuinfo", "model name")},
            {"kernel", std::string(u.sysname) + " " + u.release},
            {"load_at_start", l1 + " " + l5 + " " + l15}};
}

double ms(std::int64_t us) { return static_cast<double>(us) / 1000.0; }

std::string fixed(double v, int digits = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string column(const std::string& s, std::size_t width) {
    // Pads by code points, not bytes, so Cyrillic or "×" keep the table straight.
    std::size_t points = 0;
    for (unsigned char ch : s) points += (ch & 0xC0) != 0x80;
    return points >= width ? s + " " : s + std::string(width - points, ' ');
}

}  // namespace

nlohmann::json window_json(const window& w) {
    const double s = w.seconds > 0 ? w.seconds : 1;
    const auto& a = w.audience;
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [code, n] : a.errors) errors[code] = errors.value(code, 0) + n;
    for (const auto& [code, n] : w.senders.errors) errors[code] = errors.value(code, 0) + n;
    nlohmann::json closes = nlohmann::json::object();
    for (const auto& [code, n] : a.closes) closes[std::to_string(code)] = n;
    for (const auto& [code, n] : w.senders.closes)
        closes[std::to_string(code)] = closes.value(std::to_string(code), 0) + n;
    return {
        {"label", w.label},
        {"seconds", w.seconds},
        {"subscribers", w.subscribers},
        {"offered_per_s", w.offered_per_s},
        {"delivered_per_s", static_cast<double>(a.items) / s},
        {"frames_per_s", static_cast<double>(a.frames) / s},
        {"items_per_frame", a.frames ? static_cast<double>(a.items) / static_cast<double>(a.frames) : 0.0},
        {"mbytes_per_s", static_cast<double>(a.bytes) / s / 1e6},
        {"delivered", a.items},
        {"latency_ms",
         {{"samples", a.from_send.count()},
          {"p50", ms(a.from_send.percentile(0.5))},
          {"p99", ms(a.from_send.percentile(0.99))},
          {"max", ms(a.from_send.max())}}},
        {"commit_to_delivery_ms",
         {{"samples", a.from_commit.count()},
          {"p50", ms(a.from_commit.percentile(0.5))},
          {"p99", ms(a.from_commit.percentile(0.99))},
          {"max", ms(a.from_commit.max())}}},
        {"acks_per_s", static_cast<double>(w.senders.acks) / s},
        {"requests", w.senders.requests},
        {"ack_latency_ms",
         {{"p50", ms(w.senders.ack.percentile(0.5))},
          {"p99", ms(w.senders.ack.percentile(0.99))},
          {"max", ms(w.senders.ack.max())}}},
        {"errors", errors},
        {"closes", closes},
        {"bad_frames", a.bad_frames + w.senders.bad_frames},
        {"server_cpu_cores", cores_used(w.server_from, w.server_to)},
        {"server_rss_mib", static_cast<double>(w.server_to.rss_bytes) / 1048576.0},
        {"generator_cpu_cores", cores_used(w.generator_from, w.generator_to)},
    };
}

report::report(std::string scenario, std::string command)
    : scenario_(std::move(scenario)), command_(std::move(command)), machine_(machine()) {}

void report::add_window(server_kind who, window w) { windows_.emplace_back(who, std::move(w)); }
void report::set_summary(server_kind who, nlohmann::json summary) {
    auto& s = summaries_[to_string(who)];
    if (!s.is_object()) s = nlohmann::json::object();
    s.update(summary);
}
void report::add_comparison(comparison c) { comparisons_.push_back(std::move(c)); }
void report::note(std::string text) { notes_.push_back(std::move(text)); }
void report::fail(std::string why) { failures_.push_back(std::move(why)); }

nlohmann::json report::to_json() const {
    nlohmann::json runs = nlohmann::json::object();
    for (const auto& [who, w] : windows_) runs[to_string(who)].push_back(window_json(w));
    nlohmann::json comps = nlohmann::json::array();
    for (const auto& c : comparisons_) {
        nlohmann::json j = {{"figure", c.figure}, {"unit", c.unit}, {"veche", c.veche}, {"target", c.target}};
        j["reference"] = c.reference ? nlohmann::json(*c.reference) : nlohmann::json(nullptr);
        if (c.reference && *c.reference != 0 && c.veche != 0)
            j["ratio"] = c.higher_is_better ? c.veche / *c.reference : *c.reference / c.veche;
        j["met"] = c.met ? nlohmann::json(*c.met) : nlohmann::json(nullptr);
        comps.push_back(j);
    }
    return {{"scenario", scenario_}, {"command", command_}, {"machine", machine_},  {"runs", runs},
            {"summary", summaries_}, {"comparison", comps},   {"notes", notes_},     {"failures", failures_}};
}

std::string report::to_table() const {
    std::ostringstream out;
    out << "scenario " << scenario_ << " — " << machine_["nproc"].get<unsigned>() << " cores, "
        << machine_["cpu"].get<std::string>() << ", " << machine_["kernel"].get<std::string>()
        << ", load at start " << machine_["load_at_start"].get<std::string>() << "\n";
    out << "command: " << command_ << "\n\n";
    const char* heads[] = {"server", "window", "subs", "offered/s", "delivered/s", "items/frame", "p50 ms",
                           "p99 ms", "max ms", "acks/s", "errors", "closes", "srv cpu", "srv RSS MiB", "gen cpu"};
    const std::size_t widths[] = {13, 16, 7, 11, 12, 12, 9, 9, 9, 9, 7, 7, 8, 12, 8};
    for (std::size_t i = 0; i < std::size(heads); ++i) out << column(heads[i], widths[i]);
    out << "\n";
    for (const auto& [who, w] : windows_) {
        const auto j = window_json(w);
        std::uint64_t errors = 0, closes = 0;
        for (const auto& [k, v] : j["errors"].items()) errors += v.get<std::uint64_t>();
        for (const auto& [k, v] : j["closes"].items()) closes += v.get<std::uint64_t>();
        const std::string cells[] = {to_string(who),
                                     w.label,
                                     std::to_string(w.subscribers),
                                     w.offered_per_s > 0 ? fixed(w.offered_per_s) : "-",
                                     fixed(j["delivered_per_s"].get<double>()),
                                     fixed(j["items_per_frame"].get<double>(), 1),
                                     fixed(j["latency_ms"]["p50"].get<double>(), 1),
                                     fixed(j["latency_ms"]["p99"].get<double>(), 1),
                                     fixed(j["latency_ms"]["max"].get<double>(), 1),
                                     fixed(j["acks_per_s"].get<double>()),
                                     std::to_string(errors),
                                     std::to_string(closes),
                                     fixed(j["server_cpu_cores"].get<double>(), 2),
                                     fixed(j["server_rss_mib"].get<double>(), 1),
                                     fixed(j["generator_cpu_cores"].get<double>(), 2)};
        for (std::size_t i = 0; i < std::size(cells); ++i) out << column(cells[i], widths[i]);
        out << "\n";
    }
    if (!comparisons_.empty()) {
        out << "\n" << column("figure", 46) << column("veche", 14) << column("ws-reference", 14)
            << column("ratio", 9) << column("target", 26) << "met\n";
        for (const auto& c : comparisons_) {
            const bool has_ratio = c.reference && *c.reference != 0 && c.veche != 0;
            const double ratio = has_ratio ? (c.higher_is_better ? c.veche / *c.reference : *c.reference / c.veche) : 0;
            out << column(c.figure + " (" + c.unit + ")", 46) << column(fixed(c.veche, c.veche < 100 ? 1 : 0), 14)
                << column(c.reference ? fixed(*c.reference, *c.reference < 100 ? 1 : 0) : "n/a", 14)
                << column(has_ratio ? fixed(ratio, 1) + "×" : "-", 9) << column(c.target.empty() ? "-" : c.target, 26)
                << (c.met ? (*c.met ? "yes" : "NO") : "-") << "\n";
        }
    }
    for (const auto& n : notes_) out << "note: " << n << "\n";
    for (const auto& f : failures_) out << "FAILED: " << f << "\n";
    return out.str();
}

}  // namespace veche::bench
