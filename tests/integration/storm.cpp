#include "storm.hpp"

#include <algorithm>
#include <chrono>

namespace veche::test {

using nlohmann::json;

storm::storm(forum_fixture& forum, int participants) : forum_(forum), people_(static_cast<std::size_t>(participants)) {
    for (auto& p : people_) p.token = forum_.join()["token"];
    moderator_.token = forum_.staff_token("moderator");
    captioner_.token = forum_.staff_token("captioner");
}

void storm::lift_limits(json& cfg) {
    cfg["limits"] = {{"asks_per_minute", 10000},
                     {"votes_per_second", 10000},
                     {"votes_burst", 10000},
                     {"messages_per_second", 10000},
                     {"messages_burst", 10000}};
}

void storm::start(int round) {
    for (std::size_t i = 0; i < people_.size(); ++i)
        threads_.emplace_back([this, i, round] { participate(people_[i], static_cast<int>(i), round); });
    threads_.emplace_back([this] { moderate(); });
    threads_.emplace_back([this, round] { caption(round); });
}

void storm::join() {
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void storm::participate(storm_person& me, int who, int round) {
    std::unique_ptr<ws_client> c;
    try {
        c = forum_.connect(me.token);
        c->send({{"type", "subscribe"}, {"session", pre_session}});
    } catch (const std::exception&) {
        return;  // the server is already gone
    }
    std::map<std::string, std::string> asks;   // rid → text, in flight
    std::map<std::string, std::string> votes;  // rid → question, in flight
    std::set<std::string> approved, vote_sent;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (int k = 0; std::chrono::steady_clock::now() < deadline && !c->is_closed(); ++k) {
        try {
            // A few requests in flight at once, as a busy client pipelines them.
            if (asks.size() < 4) {
                const auto text = "p" + std::to_string(who) + " r" + std::to_string(round) + " q" + std::to_string(k);
                c->send({{"type", "ask"}, {"session", pre_session}, {"text", text}, {"rid", text}});
                asks[text] = text;
            }
            for (const auto& q : approved) {
                if (!vote_sent.insert(q).second) continue;
                c->send({{"type", "vote"}, {"question", q}, {"on", true}, {"rid", "v " + q}});
                votes["v " + q] = q;
            }
        } catch (const std::exception&) {
            break;
        }
        while (auto m = c->next(std::chrono::milliseconds(5))) {
            if (is_event(*m, "question") && (*m)["data"]["state"] == "approved") approved.insert((*m)["data"]["id"]);
            std::lock_guard lock(mutex_);
            if ((*m)["type"] == "event") max_seq_ = std::max(max_seq_, (*m)["seq"].get<std::int64_t>());
            if ((*m)["type"] != "ack" && (*m)["type"] != "error") continue;
            const std::string rid = m->value("rid", "");
            if (const auto a = asks.find(rid); a != asks.end()) {
                if ((*m)["type"] == "ack") me.asked[a->second] = (*m)["id"];
                asks.erase(a);
            } else if (const auto v = votes.find(rid); v != votes.end()) {
                if ((*m)["type"] == "ack") me.voted.insert(v->second);
                votes.erase(v);
            }
        }
    }
    c->wait_closed(std::chrono::seconds(10));
    std::lock_guard lock(mutex_);
    me.close_code = c->is_closed() ? c->close_code() : 0;
    for (const auto& [rid, text] : asks) me.unanswered.insert(text);
}

void storm::moderate() {
    std::unique_ptr<ws_client> c;
    try {
        c = forum_.connect(moderator_.token);
        c->send({{"type", "subscribe"}, {"session", pre_session}});
    } catch (const std::exception&) {
        return;
    }
    std::map<std::string, std::string> sent;  // rid → the state it asks for
    const auto decide = [&](const json& q) {
        if (q.value("state", "") != "pending") return;
        const std::string id = q["id"];
        // The same decision for a question every time, so a retry after a crash agrees with the first try.
        const bool approve = std::hash<std::string>{}(id) % 2 == 0;
        const auto rid = "d " + id;
        if (sent.count(rid)) return;
        c->send({{"type", "moderate"}, {"question", id}, {"action", approve ? "approve" : "reject"}, {"rid", rid}});
        sent[rid] = approve ? "approved" : "rejected";
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline && !c->is_closed()) {
        try {
            while (auto m = c->next(std::chrono::milliseconds(5))) {
                if ((*m)["type"] == "snapshot")
                    for (const auto& q : (*m)["questions"]) decide(q);
                if (is_event(*m, "question")) decide((*m)["data"]);
                if ((*m)["type"] != "ack") continue;
                const std::string rid = m->value("rid", "");
                std::lock_guard lock(mutex_);
                if (const auto s = sent.find(rid); s != sent.end()) decisions_[rid.substr(2)] = s->second;
            }
        } catch (const std::exception&) {
            break;
        }
    }
    c->wait_closed(std::chrono::seconds(10));
    std::lock_guard lock(mutex_);
    moderator_.close_code = c->is_closed() ? c->close_code() : 0;
}

void storm::caption(int round) {
    std::unique_ptr<ws_client> c;
    try {
        c = forum_.connect(captioner_.token);
    } catch (const std::exception&) {
        return;
    }
    std::map<std::string, std::string> sent;  // segment id (also the rid) → text, in flight
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (int k = 0; std::chrono::steady_clock::now() < deadline && !c->is_closed(); ++k) {
        try {
            if (sent.size() < 4) {
                const auto id = "r" + std::to_string(round) + "-" + std::to_string(k);
                const auto text = "Строка " + id + " стенограммы";
                c->send({{"type", "transcript"},
                         {"session", pre_session},
                         {"id", id},
                         {"text", text},
                         {"final", true},
                         {"rid", id}});
                sent[id] = text;
            }
            while (auto m = c->next(std::chrono::milliseconds(5))) {
                if ((*m)["type"] != "ack") continue;
                std::lock_guard lock(mutex_);
                if (const auto s = sent.find(m->value("rid", "")); s != sent.end()) {
                    lines_[s->first] = s->second;
                    sent.erase(s);
                }
            }
        } catch (const std::exception&) {
            break;
        }
    }
    c->wait_closed(std::chrono::seconds(10));
    std::lock_guard lock(mutex_);
    captioner_.close_code = c->is_closed() ? c->close_code() : 0;
}

}  // namespace veche::test
