#pragma once
// The first answer to each (participant, rid) in a room, so a request sent
// again (after a reconnect, say) is answered the same and applied once.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace veche::hub {

class request_log {
public:
    const std::string* find(std::string_view participant, std::string_view rid) const;
    void add(std::string_view participant, std::string_view rid, std::string reply);
    std::size_t size() const { return replies_.size(); }

private:
    static std::string key(std::string_view participant, std::string_view rid);
    std::unordered_map<std::string, std::string> replies_;
};

}  // namespace veche::hub
