#pragma once
// The requests of one batch as one value: the store keeps one row per batch
// (one B-tree write instead of one per vote), and start-up reads every
// (participant, rid, answer) back out of it.

#include "store/event_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace veche::store {

// Each field as its length (LEB128) and its bytes: participant, rid, reply, per request.
std::string encode_requests(const std::vector<stored_request>& requests);

// Appends the requests the value holds (their `at` is left to the caller); throws store_error when it is not one.
void decode_requests(std::string_view value, std::vector<stored_request>& out);

}  // namespace veche::store
