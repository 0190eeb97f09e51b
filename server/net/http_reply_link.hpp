#pragma once
// Lets an HTTP request go through a room like a WebSocket request: the room
// answers with its ack or error frame once the change is durable, and this
// link turns that frame into the HTTP response.

#include "hub/client_link.hpp"
#include "net/http_types.hpp"

#include <atomic>
#include <memory>

namespace veche::net {

class http_reply_link : public hub::client_link {
public:
    http_reply_link(core::identity who, std::shared_ptr<const http_request> req, responder respond)
        : who_(std::move(who)), req_(std::move(req)), respond_(std::move(respond)) {}

    // The first frame is the answer (ack → 200 with the ack's fields, error →
    // its status); anything after it is ignored.
    void send(hub::frame f) override;
    const core::identity& who() const override { return who_; }
    bool answers_every_request() const override { return true; }

private:
    core::identity who_;
    std::shared_ptr<const http_request> req_;
    responder respond_;
    std::atomic<bool> answered_{false};
};

}  // namespace veche::net
