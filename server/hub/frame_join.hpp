#pragma once
// The one place that knows how several messages travel as one:
// {"type":"batch","items":[…]}, put together from texts already serialized.

#include "hub/client_link.hpp"

#include <string_view>
#include <vector>

namespace veche::hub {

inline constexpr std::string_view batch_head = R"({"type":"batch","items":[)";
inline constexpr std::string_view batch_tail = "]}";

// One item is sent as itself; several become one batch. Null for none.
frame join_items(const std::vector<frame>& items);

// The messages a frame carries, as the comma-separated items of a batch:
// a batch's own items, or the one message it is.
std::string_view batch_items(const std::string& frame_text);

}  // namespace veche::hub
