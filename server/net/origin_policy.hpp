#pragma once
// Contract section 6: a WebSocket upgrade or POST whose Origin is present and
// not allowed is refused. "self" in the list allows the origin the request was
// addressed to (its scheme and Host header), so a page served by this server
// may always talk back to it; behind a trusted proxy the scheme is the one the
// browser used (X-Forwarded-Proto), so an https page is its own origin.

#include <string>
#include <string_view>
#include <vector>

namespace veche::net {

class origin_policy {
public:
    explicit origin_policy(std::vector<std::string> allowed);

    // origin empty: no Origin header (not a browser), allowed. scheme: "http" or "https".
    bool allows(std::string_view origin, std::string_view host_header, std::string_view scheme) const;
    // For CORS: is this exact origin listed (not through "self")?
    bool lists(std::string_view origin) const;

private:
    std::vector<std::string> allowed_;
    bool self_ = false;
};

}  // namespace veche::net
