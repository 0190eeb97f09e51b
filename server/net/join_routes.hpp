#pragma once

#include "auth/token_codec.hpp"
#include "config/settings.hpp"
#include "net/ip_rate_limiter.hpp"
#include "net/router.hpp"

namespace veche::net {

// POST /api/v1/join: a participant token for a name (or none), checking the
// event's join code when it has one.
class join_routes {
public:
    join_routes(const auth::token_codec& tokens, const config::auth_settings& auth, const config::limit_settings& limits);

    void install(router& r);

private:
    void join(request_context& ctx, const responder& respond);

    const auth::token_codec& tokens_;
    const config::auth_settings& auth_;
    const config::limit_settings& limits_;
    ip_rate_limiter per_ip_;
};

}  // namespace veche::net
