#pragma once
// Comparing a secret byte by byte and stopping at the first difference tells
// an attacker, by the time it takes, how much of a guess was right. Token
// signatures and the join code are compared here, in time that depends only
// on the length (OpenSSL's CRYPTO_memcmp).

#include <string_view>

namespace veche::auth {

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace veche::auth
