#include "core/error_code.hpp"

namespace veche::core {

std::string_view to_string(error_code e) {
    switch (e) {
        case error_code::bad_request: return "bad_request";
        case error_code::unauthorized: return "unauthorized";
        case error_code::forbidden: return "forbidden";
        case error_code::not_found: return "not_found";
        case error_code::closed: return "closed";
        case error_code::too_long: return "too_long";
        case error_code::rate_limited: return "rate_limited";
        case error_code::conflict: return "conflict";
        case error_code::internal: break;
    }
    return "internal";
}

}  // namespace veche::core
