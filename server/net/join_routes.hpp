#pragma once

#include "auth/token_codec.hpp"
#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "core/error_code.hpp"
#include "net/ip_rate_limiter.hpp"
#include "net/router.hpp"

#include <string>

namespace veche::net {

// POST /api/v1/join: a participant token for a name, a municipality and a
// region (each optional, self-declared), checking the event's join code when
// it has one. GET /api/v1/regions: the regions the join form offers.
class join_routes {
public:
    join_routes(const auth::token_codec& tokens, const config::settings& settings, metrics_registry& metrics);

    void install(router& r);

private:
    enum class refusal_reason { bad_request, too_long, unknown_region, join_code, rate_limited };
    void join(request_context& ctx, const responder& respond);
    void refuse(const request_context& ctx, const responder& respond, refusal_reason reason, core::error_code code,
                std::string_view message);

    const auth::token_codec& tokens_;
    const config::auth_settings& auth_;
    const config::limit_settings& limits_;
    const core::region_list& regions_;
    std::string regions_json_;  // the answer to GET /api/v1/regions, made once
    ip_rate_limiter per_ip_;
    counter& joined_;
    counter* refused_[5];  // by refusal_reason
};

}  // namespace veche::net
