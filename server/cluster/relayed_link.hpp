#pragma once
// A command another node forwarded, as the sequencing room sees it: a
// client whose first answer goes back to that node's inbox, with the
// session's committed seq the other node must apply before it passes the
// answer on.

#include "core/session_change.hpp"
#include "hub/client_link.hpp"

#include <nats/nats.h>

#include <atomic>
#include <functional>
#include <string>

namespace veche::cluster {

class relayed_link : public hub::client_link {
public:
    relayed_link(natsConnection* connection, std::string reply_to, core::identity who,
                 std::function<core::seq_t()> committed_seq);

    void send(hub::frame f) override;
    const core::identity& who() const override { return who_; }
    // The other node decides what its client is told.
    bool answers_every_request() const override { return true; }

private:
    natsConnection* connection_;
    std::string reply_to_;
    core::identity who_;
    std::function<core::seq_t()> committed_seq_;
    std::atomic<bool> answered_{false};
};

}  // namespace veche::cluster
