#pragma once
// The requests of one batch as one value: the store keeps one row per batch
// (one B-tree write instead of one per vote), and start-up reads every
// (participant, rid, answer) back out of it.

#include "store/event_store.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::store {

// Each field as its length (LEB128) and its bytes: participant, rid, reply, per request.
std::string encode_requests(const std::vector<stored_request>& requests);

// Calls fn(participant, rid, reply) for each request the value holds, in
// order, with views into the value; throws store_error when it is not one.
void for_each_request(std::string_view value,
                      const std::function<void(std::string_view, std::string_view, std::string_view)>& fn);

}  // namespace veche::store
