#pragma once

#include "auth/token_codec.hpp"
#include "hub/hub.hpp"
#include "net/router.hpp"

namespace veche::net {

// POST /api/v1/sessions/{id}/transcript (captioners: a segment, answered
// once stored) and GET …/transcript.vtt and …/transcript.json (anyone).
class transcript_routes {
public:
    transcript_routes(hub::hub& rooms, const auth::token_codec& tokens) : rooms_(rooms), tokens_(tokens) {}

    void install(router& r);

private:
    void post(request_context& ctx, const responder& respond);

    hub::hub& rooms_;
    const auth::token_codec& tokens_;
};

}  // namespace veche::net
