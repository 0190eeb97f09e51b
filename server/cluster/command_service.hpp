#pragma once
// The sequencer's side of forwarding: while this node sequences a session it
// listens on veche.{event}.cmd.{session} (so a request finds no responder,
// at once, while nobody does) and hands each forwarded command to the room
// as coming from the person the other node verified.

#include "cluster/cluster_metrics.hpp"
#include "cluster/nats_link.hpp"
#include "core/client_message.hpp"
#include "hub/client_link.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace veche::cluster {

class command_service {
public:
    // Runs a decoded command in the session's room.
    using executor = std::function<void(const std::string& session, std::shared_ptr<hub::client_link>, core::client_message)>;

    command_service(nats_link& link, std::string event, executor run,
                    std::function<core::seq_t(const std::string& session)> committed_seq, cluster_metrics& metrics);
    ~command_service();

    void serve(const std::string& session);
    void stop(const std::string& session);
    std::string subject_of(const std::string& session) const { return "veche." + event_ + ".cmd." + session; }

private:
    struct listener {
        command_service* service;
        std::string session;
        nats_ptr<natsSubscription> subscription;
    };
    static void on_request(natsConnection*, natsSubscription*, natsMsg* msg, void* closure);

    nats_link& link_;
    std::string event_;
    executor run_;
    std::function<core::seq_t(const std::string&)> committed_seq_;
    cluster_metrics& metrics_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<listener>> listeners_;
};

}  // namespace veche::cluster
