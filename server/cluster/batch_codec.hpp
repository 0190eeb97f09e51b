#pragma once
// A room's batch as one JetStream message and back: the changes in the
// store's own change form (core/change_codec), the audit entries, the
// requests with their answers (so a node that takes the session over answers
// retries as the first owner did), reaction totals and new attendees.
//
//   {"session":"s1","at":1700000000000,"seq":12,"status":{…},"changes":[…],"audit":[…],
//    "requests":[["p-1","r7","{\"id\":\"s1.3\"}"]],"reactions":{"clap":4},"attendees":[["p-1","Тверская область"]]}

#include "store/event_store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace veche::cluster {

std::string batch_text(const store::write_batch& batch);
// Nothing when the text is not a batch (not JSON, a change that does not decode, a field of the wrong type).
std::optional<store::write_batch> batch_from_text(std::string_view text);

}  // namespace veche::cluster
