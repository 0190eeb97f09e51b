#pragma once
// The questions a client holds: a snapshot, then events applied in order,
// and the order in which question events came (seq, id, state), to compare
// the nodes' orders.

#include "support/ws_client.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace veche::test {

inline bool is_event(const nlohmann::json& m, const std::string& kind) {
    return m["type"] == "event" && m["kind"] == kind;
}

struct session_view {
    std::int64_t seq = 0;
    std::map<std::string, nlohmann::json> questions;
    std::vector<std::tuple<std::int64_t, std::string, std::string>> order;

    // One message; true once the state is known (a snapshot, or "subscribed").
    bool apply(const nlohmann::json& m) {
        if (m["type"] == "batch") {
            bool done = false;
            for (const auto& item : m["items"]) done = apply(item) || done;
            return done;
        }
        if (m["type"] == "snapshot") {
            questions.clear();
            for (const auto& q : m["questions"]) questions[q["id"]] = q;
            seq = m["seq"];
            return true;
        }
        if (m["type"] == "subscribed") {
            seq = std::max<std::int64_t>(seq, m["seq"]);
            return true;
        }
        if (m["type"] != "event") return false;
        if (m.contains("seq")) seq = std::max<std::int64_t>(seq, m["seq"]);
        if (m["kind"] == "question") {
            const auto& d = m["data"];
            order.emplace_back(m["seq"], d["id"], d["state"]);
            // A question that stops being visible comes as {"id","session","state"} only.
            if (d.contains("text")) questions[d["id"]] = d;
            else questions.erase(d["id"].get<std::string>());
        } else if (m["kind"] == "votes") {
            for (const auto& [id, n] : m["data"]["counts"].items())
                if (questions.count(id)) questions[id]["votes"] = n;
        }
        return false;
    }

    void read_subscription(ws_client& c) {
        while (auto m = c.next(std::chrono::seconds(10)))
            if (apply(*m)) return;
        FAIL("no subscribed");
    }
};

}  // namespace veche::test
