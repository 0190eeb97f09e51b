#pragma once
// The other side of forwarding: a command for a session this node does not
// sequence goes to veche.{event}.cmd.{session} with a reply subject of this
// node's own inbox; one subscription takes every answer, and a thread fails
// the requests no answer came for in 5 s. No sequencer at all (between a
// node's death and the next owner) fails at once: NATS says no responders.

#include "cluster/cluster_metrics.hpp"
#include "cluster/nats_link.hpp"
#include "hub/command_relay.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace veche::cluster {

class command_forwarder {
public:
    using answer_handler = std::function<void(std::optional<hub::relayed_answer>)>;
    static constexpr std::chrono::seconds timeout{5};

    command_forwarder(nats_link& link, cluster_metrics& metrics);
    ~command_forwarder();
    command_forwarder(const command_forwarder&) = delete;
    command_forwarder& operator=(const command_forwarder&) = delete;

    void forward(const std::string& subject, const core::identity& who, const std::string& message, answer_handler done);

private:
    struct pending {
        std::chrono::steady_clock::time_point deadline;
        answer_handler done;
    };
    static void on_answer(natsConnection*, natsSubscription*, natsMsg* msg, void* self);
    void finish(std::uint64_t id, std::optional<hub::relayed_answer> answer);
    void expire_loop();

    nats_link& link_;
    cluster_metrics& metrics_;
    std::string inbox_;  // "_INBOX.xxxx." + request number
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, pending> pending_;
    std::uint64_t next_id_ = 1;
    bool stopping_ = false;
    nats_ptr<natsSubscription> subscription_;
    std::thread expirer_;
};

}  // namespace veche::cluster
