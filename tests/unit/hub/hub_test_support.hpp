#pragma once
// Fakes for the hub's unit tests: a store that commits only when told to, and
// connections that record what they are sent.

#include "hub/client_link.hpp"
#include "hub/room.hpp"
#include "store/event_store.hpp"

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace veche::test {

class manual_store : public store::event_store {
public:
    void append(std::shared_ptr<const store::write_batch> batch, std::function<void(bool)> done) override {
        std::lock_guard lock(mutex_);
        waiting_.emplace_back(std::move(batch), std::move(done));
    }
    // Makes everything submitted so far durable, in order.
    std::size_t commit_all() {
        std::vector<std::pair<std::shared_ptr<const store::write_batch>, std::function<void(bool)>>> now;
        {
            std::lock_guard lock(mutex_);
            now.swap(waiting_);
        }
        for (auto& [batch, done] : now) {
            committed.push_back(batch);
            done(true);
        }
        return now.size();
    }
    // Fails the oldest batch submitted, as a broken disk would; false when there is none.
    bool fail_next() {
        std::pair<std::shared_ptr<const store::write_batch>, std::function<void(bool)>> next;
        {
            std::lock_guard lock(mutex_);
            if (waiting_.empty()) return false;
            next = std::move(waiting_.front());
            waiting_.erase(waiting_.begin());
        }
        next.second(false);
        return true;
    }
    // Makes the oldest batch submitted durable; false when there is none.
    bool commit_next() {
        std::pair<std::shared_ptr<const store::write_batch>, std::function<void(bool)>> next;
        {
            std::lock_guard lock(mutex_);
            if (waiting_.empty()) return false;
            next = std::move(waiting_.front());
            waiting_.erase(waiting_.begin());
        }
        committed.push_back(next.first);
        next.second(true);
        return true;
    }
    std::vector<std::shared_ptr<const store::write_batch>> committed;

private:
    std::mutex mutex_;
    std::vector<std::pair<std::shared_ptr<const store::write_batch>, std::function<void(bool)>>> waiting_;
};

// The sessions whose store failed, as the owner of a room hears of it.
struct store_failures {
    std::vector<std::string> sessions;
    hub::store_failure_handler handler() {
        return [this](const std::string& s) { sessions.push_back(s); };
    }
};

class recording_link : public hub::client_link {
public:
    explicit recording_link(core::identity who) : who_(std::move(who)) {}
    void send(hub::frame f) override {
        std::lock_guard lock(mutex_);
        frames_.push_back(*f);
    }
    const core::identity& who() const override { return who_; }

    std::vector<std::string> frames() const {
        std::lock_guard lock(mutex_);
        return frames_;
    }
    // Every message received, batch items unpacked.
    std::vector<nlohmann::json> messages() const {
        std::vector<nlohmann::json> out;
        for (const auto& f : frames()) {
            auto j = nlohmann::json::parse(f);
            if (j["type"] == "batch")
                for (auto& item : j["items"]) out.push_back(item);
            else
                out.push_back(j);
        }
        return out;
    }
    std::vector<nlohmann::json> of_type(const std::string& type) const {
        std::vector<nlohmann::json> out;
        for (auto& m : messages())
            if (m["type"] == type) out.push_back(m);
        return out;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        frames_.clear();
    }

private:
    core::identity who_;
    mutable std::mutex mutex_;
    std::vector<std::string> frames_;
};

// The question events a connection received, in order.
inline std::vector<nlohmann::json> question_events(const recording_link& l) {
    std::vector<nlohmann::json> out;
    for (auto& m : l.messages())
        if (m["type"] == "event" && m["kind"] == "question") out.push_back(m);
    return out;
}

// Runs the io_context until the predicate holds (true) or 2 s pass (false).
inline bool run_until(boost::asio::io_context& ioc, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        ioc.restart();
        ioc.run_for(std::chrono::milliseconds(2));
    }
    return true;
}

// A client's view of a session, built only from what it received, as a real client would.
struct client_view {
    std::map<std::string, nlohmann::json> questions;
    std::uint64_t seq = 0;

    void apply(const nlohmann::json& m) {
        if (m["type"] == "snapshot") {
            questions.clear();
            for (const auto& q : m["questions"]) questions[q["id"]] = q;
            seq = m["seq"];
        } else if (m["type"] == "event") {
            seq = std::max<std::uint64_t>(seq, m["seq"]);
            if (m["kind"] == "question") {
                const auto& q = m["data"];
                if (q.contains("text")) questions[q["id"]] = q;
                else questions.erase(q["id"].get<std::string>());
            } else if (m["kind"] == "votes") {
                for (const auto& [id, n] : m["data"]["counts"].items())
                    if (questions.count(id)) questions[id]["votes"] = n;
            }
        }
    }
    void apply_all(const std::vector<nlohmann::json>& ms) {
        for (const auto& m : ms) apply(m);
    }
};

}  // namespace veche::test
