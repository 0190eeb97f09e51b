#pragma once

#include "auth/token_codec.hpp"
#include "hub/hub.hpp"
#include "net/audit_source.hpp"
#include "net/router.hpp"

namespace veche::net {

// GET /api/v1/sessions/{id}/audit.csv (docs/protocol.md, "Audit trail"): the
// session's audit trail for its moderators and admins. Who voted how in a
// formal poll is an admin's to read: a moderator's export has no ballot rows.
class audit_routes {
public:
    audit_routes(hub::hub& rooms, const auth::token_codec& tokens, const audit_source& audits)
        : rooms_(rooms), tokens_(tokens), audits_(audits) {}

    void install(router& r);

private:
    void audit_csv(request_context& ctx, const responder& respond) const;

    hub::hub& rooms_;
    const auth::token_codec& tokens_;
    const audit_source& audits_;
};

}  // namespace veche::net
