#include "hub/request_log.hpp"

namespace veche::hub {

std::string request_log::key(std::string_view participant, std::string_view rid) {
    std::string k;
    k.reserve(participant.size() + rid.size() + 1);
    // The rid's length goes first, so no two (participant, rid) pairs share a key.
    k.append(std::to_string(rid.size())).push_back(':');
    k.append(rid).append(participant);
    return k;
}

const std::string* request_log::find(std::string_view participant, std::string_view rid) const {
    const auto it = replies_.find(key(participant, rid));
    return it == replies_.end() ? nullptr : &it->second;
}

void request_log::add(std::string_view participant, std::string_view rid, std::string reply) {
    replies_.emplace(key(participant, rid), std::move(reply));
}

}  // namespace veche::hub
