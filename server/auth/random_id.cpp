#include "auth/random_id.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace veche::auth {

std::string random_id(std::string_view prefix) {
    unsigned char bytes[8];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes available");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(prefix);
    for (unsigned char b : bytes) {
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 0xF]);
    }
    return out;
}

}  // namespace veche::auth
