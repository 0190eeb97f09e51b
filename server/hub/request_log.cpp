#include "hub/request_log.hpp"

namespace veche::hub {

const std::string* request_log::find(std::string_view participant, std::string_view rid) const {
    const auto p = replies_.find(participant);
    if (p == replies_.end()) return nullptr;
    const auto r = p->second.find(rid);
    return r == p->second.end() ? nullptr : &r->second;
}

void request_log::add(std::string_view participant, std::string_view rid, std::string reply) {
    auto p = replies_.find(participant);
    if (p == replies_.end()) p = replies_.emplace(std::string(participant), by_rid{}).first;
    if (p->second.emplace(std::string(rid), std::move(reply)).second) ++size_;
}

}  // namespace veche::hub
