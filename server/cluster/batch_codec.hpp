#pragma once
// A room's batch as JSON and back: the changes in the store's own change
// form (core/change_codec), the audit entries, the requests with their
// answers (so a node that takes the session over answers retries as the
// first owner did), reaction totals and new attendees. A stream message is
// an array of one session's batches, in order (group commit):
//
//   [{"session":"s1","at":1700000000000,"seq":12,"status":{…},"changes":[…],"audit":[…],
//    "requests":[["p-1","r7","{\"id\":\"s1.3\"}"]],"reactions":{"clap":4},"attendees":[["p-1","Тверская область"]]}, …]

#include "store/event_store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::cluster {

std::string batch_text(const store::write_batch& batch);
// Nothing when the text is not a batch (not JSON, a change that does not decode, a field of the wrong type).
std::optional<store::write_batch> batch_from_text(std::string_view text);

// A stream message made of batch_text()s.
std::string message_text(const std::vector<std::string>& batch_texts);
// Its batches in order; also a lone batch object (what a message was before group commit). Nothing when
// any part does not decode, or the batches are not all of one session.
std::optional<std::vector<store::write_batch>> batches_from_message(std::string_view text);

}  // namespace veche::cluster
