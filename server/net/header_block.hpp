#pragma once
// Where a request's header block ends, and whether its framing is one the
// server accepts. Beast's parser would silently unfold an obs-fold line (RFC
// 9112 section 5.2 allows either that or a 400): a proxy in front may read
// such a header differently, which is how requests get smuggled, so the
// server refuses it, and with it line endings other than CRLF and control
// characters, which no header may hold (a TLS handshake sent to the plain
// port is refused at its first byte). Empty lines before the request line are
// skipped, as RFC 9112 section 2.2 asks.

#include <cstddef>
#include <string_view>

namespace veche::net {

enum class header_block_state { incomplete, complete, obs_fold, malformed };

struct header_block_scan {
    header_block_state state = header_block_state::incomplete;
    std::size_t end = 0;  // bytes up to and including what decided the state
};

header_block_scan scan_header_block(std::string_view bytes);

}  // namespace veche::net
