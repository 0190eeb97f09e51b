#pragma once
// A connection as a room sees it: who it is and a way to send it frames.
// The net layer implements it; rooms never see sockets.

#include "core/identity.hpp"

#include <memory>
#include <string>

namespace veche::hub {

// A serialized message, shared by every connection it goes to.
using frame = std::shared_ptr<const std::string>;

inline frame make_frame(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

class client_link {
public:
    virtual ~client_link() = default;
    // Queues the frame; safe from any thread, never blocks. A connection whose
    // queue is over its limit closes itself (4408) instead of growing.
    virtual void send(frame f) = 0;
    // An answer to this client's request (ack, error): it may go ahead of
    // events still waiting to be written.
    virtual void send_reply(frame f) { send(std::move(f)); }
    virtual const core::identity& who() const = 0;
    // Whether every request needs an answer, also a line being typed without a rid (an HTTP request does; a
    // typist on the WebSocket wants no ack per keystroke).
    virtual bool answers_every_request() const { return false; }
};

}  // namespace veche::hub
