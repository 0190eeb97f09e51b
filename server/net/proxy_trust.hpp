#pragma once
// Who sent a request when Veche runs behind nginx or a CDN (contract 7.6).
// Forwarding headers are believed only from the peers listed in
// http.trusted_proxies; anyone else could write whatever they like in them.

#include "config/address_range.hpp"
#include "net/http_types.hpp"

#include <vector>

namespace veche::net {

struct client_address {
    asio::ip::address address;  // the client's, as far as the trusted proxies can vouch for it
    bool forwarded = false;     // address came from X-Forwarded-For
    bool https = false;         // the client reached the first proxy over https (X-Forwarded-Proto)
};

class proxy_trust {
public:
    explicit proxy_trust(std::vector<config::address_range> trusted) : trusted_(std::move(trusted)) {}

    // From a trusted peer: the rightmost address of X-Forwarded-For that is
    // not itself a trusted proxy (every header of that name, in order, read
    // as one list), and X-Forwarded-Proto. An entry that is not an address
    // ends the walk at the last proxy that vouched for it. From any other
    // peer: the peer itself, whatever its headers say.
    client_address client_of(const asio::ip::address& peer, const http::fields& headers) const;

private:
    bool trusts(const asio::ip::address& address) const { return config::any_contains(trusted_, address); }

    std::vector<config::address_range> trusted_;
};

}  // namespace veche::net
