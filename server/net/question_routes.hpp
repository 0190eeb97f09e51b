#pragma once

#include "auth/token_codec.hpp"
#include "hub/hub.hpp"
#include "net/router.hpp"

namespace veche::net {

// GET /api/v1/sessions/{id}/questions (any token: what the caller may see, in
// queue order) and /questions.csv (moderators: everything).
class question_routes {
public:
    question_routes(hub::hub& rooms, const auth::token_codec& tokens) : rooms_(rooms), tokens_(tokens) {}

    void install(router& r);

private:
    hub::hub& rooms_;
    const auth::token_codec& tokens_;
};

}  // namespace veche::net
