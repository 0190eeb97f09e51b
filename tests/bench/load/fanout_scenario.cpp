#include "fanout_scenario.hpp"

#include "bench_config.hpp"
#include "bench_handler.hpp"
#include "pacer.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "wall_clock.hpp"

#include <charconv>
#include <iostream>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace veche::bench {
namespace {

// The moderator (client 0) and the askers (1…), or the reference's publisher (client 0).
class fanout_control : public bench_handler {
public:
    fanout_control(server_kind kind, std::size_t wanted, std::size_t item_bytes)
        : bench_handler(kind, 1), wanted_(wanted), send_us_(wanted + 2), item_bytes_(item_bytes) {
        subscribes = [](std::size_t) { return false; };
    }

    std::atomic<std::size_t> asked{0};  // questions whose ask was acknowledged
    client_pool* pool = nullptr;

    // Sends the next approval (Veche) or message (reference); false when there is none left.
    bool publish_next() {
        auto c = pool->client(0);
        if (!c || !c->is_open()) return false;
        const auto now = wall_us();
        if (kind() == server_kind::veche) {
            if (next_ >= questions_.size()) return false;
            const auto& id = questions_[next_++];
            const auto n = question_number(id);
            if (n >= 0 && static_cast<std::size_t>(n) < send_us_.size()) send_us_[static_cast<std::size_t>(n)] = now;
            c->send(R"({"type":"moderate","rid":"a)" + std::to_string(n) + R"(","question":")" + id +
                    R"(","action":"approve"})");
        } else {
            const auto n = next_++;
            if (n >= send_us_.size()) return false;
            c->send(reference_message(n, now));
        }
        ++stats_of(*c).requests;
        return true;
    }
    std::int64_t sent_at(std::int64_t n) const {
        return n >= 0 && static_cast<std::size_t>(n) < send_us_.size() ? send_us_[static_cast<std::size_t>(n)].load()
                                                                       : 0;
    }

protected:
    void on_ready(ws_client& c) override {
        if (kind() != server_kind::veche || c.index() == 0) return;
        for (int i = 0; i < 32; ++i) ask(c);  // a window of asks in flight per asker
    }
    void on_ack(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        if (item.rid.starts_with("q")) {
            questions_.emplace_back(item.id);
            ++asked;
            return ask(c);
        }
        if (item.rid.starts_with("a")) {
            std::int64_t n = -1;
            std::from_chars(item.rid.data() + 1, item.rid.data() + item.rid.size(), n);
            if (const auto t = sent_at(n); t > 0) stats.ack.add(now - t);
        }
    }
    void on_error(ws_client& c, const frame_item& item, delivery_stats&) override {
        if (item.rid.starts_with("q")) ask(c);  // a refused ask is not retried, but the window goes on
    }

private:
    void ask(ws_client& c) {
        if (asks_sent_ >= wanted_) return;
        const auto k = asks_sent_++;
        c.send(R"({"type":"ask","rid":"q)" + std::to_string(k) + R"(","session":"fanout","anonymous":true,"text":"Вопрос №)" +
               std::to_string(k) + R"(: как малым городам удержать молодёжь и привлечь новых жителей?"})");
        ++stats_of(c).requests;
    }
    std::string reference_message(std::size_t n, std::int64_t now) const {
        std::string m = R"({"type":"event","kind":"question","n":)" + std::to_string(n) + R"(,"t_us":)" +
                        std::to_string(now) + R"(,"data":{"id":"fanout.)" + std::to_string(n) + R"(","text":")";
        // Padded to the size of Veche's question event, so both move the same bytes.
        const std::size_t tail = 3;
        if (m.size() + tail < item_bytes_) m.append(item_bytes_ - m.size() - tail, 'x');
        return m + "\"}}";
    }

    std::size_t wanted_;
    std::vector<std::atomic<std::int64_t>> send_us_;  // by question number: when its approval was sent
    std::size_t item_bytes_;
    std::vector<std::string> questions_;
    std::size_t asks_sent_ = 0;
    std::size_t next_ = 0;
};

class fanout_audience : public bench_handler {
public:
    fanout_audience(server_kind kind, std::size_t shards, const fanout_control& control)
        : bench_handler(kind, shards), control_(control) {
        session = fanout_session;
    }

protected:
    void on_event(ws_client&, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        if (item.kind != "question") return;
        if (kind() == server_kind::reference) {
            if (item.t_us > 0) stats.from_send.add(now - item.t_us);
            return;
        }
        if (const auto t = control_.sent_at(question_number(item.id)); t > 0) stats.from_send.add(now - t);
        if (item.at_ms > 0) stats.from_commit.add(now - item.at_ms * 1000);
    }

private:
    const fanout_control& control_;
};

}  // namespace

fanout_target fanout_target::of(const target_server& server) {
    fanout_target t;
    t.control = server.endpoint();
    t.audience = {server.endpoint()};
    t.pid = server.pid();
    if (server.kind() == server_kind::veche)
        t.staff_token = [&server](const std::string& role) { return server.staff_token(role); };
    return t;
}

fanout_outcome run_fanout_steps(server_kind kind, const fanout_options& o, const fanout_target& target, report& r,
                                std::size_t item_bytes) {
    const double total_rate = std::accumulate(o.rates.begin(), o.rates.end(), 0.0);
    const auto wanted = static_cast<std::size_t>(total_rate * o.step_seconds * 1.05) + 100;
    const auto nodes = target.audience.size();
    const auto first_of = [&](std::size_t node) { return node * o.subscribers / nodes; };
    client_pool control(1);
    client_pool audience(o.threads);
    fanout_control ctl(kind, wanted, item_bytes);
    ctl.pool = &control;
    fanout_audience aud(kind, o.threads, ctl);
    std::cerr << "fanout " << to_string(kind) << (target.label.empty() ? "" : " on " + target.label) << ": " << o.subscribers << " subscribers\n";

    if (kind == server_kind::veche) {
        // Each subscriber joins through the node it then listens on.
        aud.tokens.resize(o.subscribers);
        for (std::size_t n = 0; n < nodes; ++n) {
            auto joined = join_participants(target.audience[n], first_of(n + 1) - first_of(n));
            if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
            std::move(joined.tokens.begin(), joined.tokens.end(), aud.tokens.begin() + static_cast<std::ptrdiff_t>(first_of(n)));
        }
        auto askers = join_participants(target.control, o.askers);
        if (askers.failures) throw std::runtime_error(std::to_string(askers.failures) + " joins failed");
        ctl.tokens.push_back(target.staff_token("moderator"));
        ctl.tokens.insert(ctl.tokens.end(), askers.tokens.begin(), askers.tokens.end());
        control.open(target.control, 0, 1 + o.askers, ctl);
        if (!ctl.wait_ready(1 + o.askers, 60)) throw std::runtime_error("the moderator and askers did not connect");
        // The questions wait as pending (pre-moderation) until the moderator approves them.
        const auto start = std::chrono::steady_clock::now();
        while (ctl.asked < wanted && std::chrono::steady_clock::now() - start < std::chrono::seconds(300)) sleep_s(0.05);
        if (ctl.asked < wanted) throw std::runtime_error("only " + std::to_string(ctl.asked) + " questions were asked");
        std::cerr << "  " << wanted << " questions asked\n";
    } else {
        control.open(target.control, 0, 1, ctl);
        if (!ctl.wait_ready(1, 30)) throw std::runtime_error("the publisher did not connect");
    }
    for (std::size_t n = 0; n < nodes; ++n) audience.open(target.audience[n], first_of(n), first_of(n + 1) - first_of(n), aud);
    if (!aud.wait_ready(o.subscribers, 300))
        throw std::runtime_error("only " + std::to_string(aud.ready) + " subscribers got ready");
    std::cerr << "  subscribers ready\n";
    sleep_s(1);  // let the snapshots and viewer counts settle before measuring

    auto publisher = std::make_shared<pacer>(control.context(0), [&ctl] { return ctl.publish_next(); });
    fanout_outcome out;
    for (const auto rate : o.rates) {
        aud.collect(audience, true);
        ctl.collect(control, true);
        window w;
        w.label = target.label.empty() ? "" : target.label + ": ";
        w.label += "rate " + std::to_string(static_cast<int>(rate)) + "/s";
        w.subscribers = o.subscribers;
        const auto sent_before = publisher->sent();
        std::cerr << "  measuring " << w.label << "\n";  // profile.sh starts perf on this line
        begin_window(w, target.pid);
        publisher->set_rate(rate);
        sleep_s(o.step_seconds);
        w.audience = aud.collect(audience, true);
        w.senders = ctl.collect(control, true);
        const auto published = publisher->sent() - sent_before;
        end_window(w, target.pid);
        w.offered_per_s = static_cast<double>(published) * static_cast<double>(o.subscribers) / w.seconds;
        const double delivered = static_cast<double>(w.audience.items) / w.seconds;
        if (delivered > out.peak_delivered_per_s) {
            out.peak_delivered_per_s = delivered;
            out.peak_window = w.label;
        }
        if (w.audience.items) out.item_bytes = static_cast<double>(w.audience.bytes) / static_cast<double>(w.audience.items);
        const bool behind = delivered < 0.8 * w.offered_per_s;
        const bool slow = w.audience.from_send.percentile(0.99) > 1'000'000;
        const bool cut = w.audience.close_count() > 0;
        std::cerr << "  " << w.label << ": delivered " << static_cast<std::uint64_t>(delivered) << "/s of "
                  << static_cast<std::uint64_t>(w.offered_per_s) << "/s offered, p99 "
                  << w.audience.from_send.percentile(0.99) / 1000 << " ms\n";
        const auto label = w.label;
        r.add_window(kind, std::move(w));
        if (published == 0) break;  // out of questions: nothing more to learn
        if (behind || slow || cut) {
            out.saturated_at = label;
            break;
        }
    }
    publisher->stop();
    // Whatever is still queued is not counted, but it must drain before the next server starts.
    wait_until_quiet([&] { return aud.delivered_total(); }, 1.0, 20.0);
    audience.stop();
    control.stop();
    return out;
}

namespace {

fanout_outcome run_one(server_kind kind, const fanout_options& o, const server_paths& paths, report& r,
                       std::size_t item_bytes) {
    target_server server(kind, paths);
    const auto out = run_fanout_steps(kind, o, fanout_target::of(server), r, item_bytes);
    server.stop();
    return out;
}

}  // namespace

void run_fanout(const fanout_options& o, const server_paths& paths, report& r, bool veche, bool reference) {
    fanout_outcome v, ref;
    std::size_t item_bytes = o.reference_item_bytes;
    if (veche) {
        v = run_one(server_kind::veche, o, paths, r, 0);
        if (!item_bytes) item_bytes = static_cast<std::size_t>(v.item_bytes);
        r.set_summary(server_kind::veche, {{"peak_delivered_per_s", v.peak_delivered_per_s},
                                           {"peak_window", v.peak_window},
                                           {"saturated_at", v.saturated_at},
                                           {"bytes_per_item", v.item_bytes}});
    }
    if (!item_bytes) item_bytes = 330;  // about a question event of Veche's with an 80-character text
    if (reference) {
        ref = run_one(server_kind::reference, o, paths, r, item_bytes);
        r.set_summary(server_kind::reference, {{"peak_delivered_per_s", ref.peak_delivered_per_s},
                                               {"peak_window", ref.peak_window},
                                               {"saturated_at", ref.saturated_at},
                                               {"bytes_per_message", item_bytes}});
    }
    if (veche && v.saturated_at.empty())
        r.note("Veche did not saturate by the last rate: its peak is a lower bound");
    comparison c;
    c.figure = "deliveries/s at saturation, " + std::to_string(o.subscribers) + " subscribers";
    c.unit = "messages/s";
    c.veche = v.peak_delivered_per_s;
    if (reference) c.reference = ref.peak_delivered_per_s;
    if (o.subscribers == 5000) {
        c.target = "≥ 8× reference";
        if (veche && reference && ref.peak_delivered_per_s > 0) c.met = v.peak_delivered_per_s >= 8 * ref.peak_delivered_per_s;
    }
    r.add_comparison(c);
}

}  // namespace veche::bench
