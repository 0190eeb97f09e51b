#pragma once
// How a room of a cluster node reaches the node that sequences its session.
// The hub declares it and knows nothing of what carries it (server/cluster
// implements it on NATS). Without a cluster a room has none and sequences
// everything itself.

#include "core/identity.hpp"
#include "core/session_change.hpp"

#include <functional>
#include <optional>
#include <string>

namespace veche::hub {

// The sequencer's answer to a forwarded command, and the session's seq that
// must be applied here before it goes to the client (its changes are then
// visible on this node too).
struct relayed_answer {
    std::string text;
    core::seq_t seq = 0;
};

class command_relay {
public:
    virtual ~command_relay() = default;
    // Whether this node sequences the session now. Read on the room's strand: it changes there (see room::take_over).
    virtual bool sequences(const std::string& session) const = 0;
    // Whether the log can be reached: without it no command is applied (it could not be stored).
    virtual bool reachable() const = 0;
    // Sends the command (as the client sent it) to the sequencer; done(answer), or done(nothing) when no
    // sequencer answered in time. done may run on any thread.
    virtual void forward(const std::string& session, const core::identity& who, const std::string& message,
                         std::function<void(std::optional<relayed_answer>)> done) = 0;
};

}  // namespace veche::hub
