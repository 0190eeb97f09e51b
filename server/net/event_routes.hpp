#pragma once

#include "net/forum_catalog.hpp"
#include "net/router.hpp"

namespace veche::net {

// GET /api/v1/event and GET /api/v1/sessions/{id}.
class event_routes {
public:
    explicit event_routes(const forum_catalog& catalog) : catalog_(catalog) {}

    void install(router& r) const;

private:
    const forum_catalog& catalog_;
};

}  // namespace veche::net
