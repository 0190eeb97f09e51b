#pragma once

#include "hub/client_link.hpp"

#include <vector>

namespace veche::hub {

// One item is sent as itself; several become {"type":"batch","items":[…]}
// built by concatenating the already serialized items. Null for none.
frame join_items(const std::vector<frame>& items);

}  // namespace veche::hub
