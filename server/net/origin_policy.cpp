#include "net/origin_policy.hpp"

#include <boost/beast/core/string.hpp>

#include <algorithm>

namespace veche::net {

using boost::beast::iequals;

origin_policy::origin_policy(std::vector<std::string> allowed) {
    for (auto& o : allowed) {
        if (o == "self") self_ = true;
        else allowed_.push_back(std::move(o));
    }
}

bool origin_policy::lists(std::string_view origin) const {
    return std::any_of(allowed_.begin(), allowed_.end(), [&](const std::string& a) { return iequals(a, origin); });
}

bool origin_policy::allows(std::string_view origin, std::string_view host, std::string_view scheme) const {
    if (origin.empty()) return true;
    if (lists(origin)) return true;
    if (!self_ || host.empty()) return false;
    const auto scheme_end = origin.find("://");
    return scheme_end != std::string_view::npos && iequals(origin.substr(0, scheme_end), scheme) &&
           iequals(origin.substr(scheme_end + 3), host);
}

}  // namespace veche::net
