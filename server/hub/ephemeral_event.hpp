#pragma once

#include "core/time_format.hpp"

#include <string>
#include <string_view>

namespace veche::hub {

// What subscribers see that is not a stored change: the viewer count,
// reactions, the stream status, a line being typed. It is never replayed
// and carries no seq of its own: it is rendered with the latest stored seq
// the subscriber already knows, so no client ever sees a seq go back.
struct ephemeral_event {
    std::string_view kind;  // one of the event kinds, a literal
    std::string data;       // the event's data, serialized JSON
    core::epoch_ms at = 0;
};

}  // namespace veche::hub
