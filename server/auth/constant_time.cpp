#include "auth/constant_time.hpp"

#include <openssl/crypto.h>

namespace veche::auth {

bool constant_time_equal(std::string_view a, std::string_view b) {
    // The length of a signature or a join code is no secret.
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace veche::auth
