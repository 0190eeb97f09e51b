#include "core/event_definition.hpp"

namespace veche::core {

const hall_definition* event_definition::find_hall(std::string_view hall_id) const {
    for (const auto& h : halls)
        if (h.id == hall_id) return &h;
    return nullptr;
}

const session_definition* event_definition::find_session(std::string_view session_id) const {
    for (const auto& s : sessions)
        if (s.id == session_id) return &s;
    return nullptr;
}

}  // namespace veche::core
