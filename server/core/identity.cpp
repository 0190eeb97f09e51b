#include "core/identity.hpp"

#include <algorithm>

namespace veche::core {

bool identity::may_access(std::string_view session) const {
    return sessions.empty() || std::find(sessions.begin(), sessions.end(), session) != sessions.end();
}

}  // namespace veche::core
