#pragma once
// Answers to forwarded commands that wait until this node has applied the
// session's seq they need (its replica follows the log a little behind the
// sequencer), so a client never gets an ack for something its node does not show.

#include "hub/client_link.hpp"
#include "core/session_change.hpp"

#include <map>
#include <memory>
#include <utility>

namespace veche::hub {

class held_answers {
public:
    // Sends it now when seq is applied, else holds it.
    void send_when(core::seq_t seq, core::seq_t applied, std::shared_ptr<client_link> to, frame answer);
    // The replica reached `applied`: everything waiting for it goes out.
    void release(core::seq_t applied);

private:
    std::multimap<core::seq_t, std::pair<std::shared_ptr<client_link>, frame>> waiting_;
};

}  // namespace veche::hub
