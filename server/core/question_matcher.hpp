#pragma once
// What a session needs to find similar questions (docs/protocol.md,
// "Similar questions"), declared here so that the core stays free of the
// text library: the hub hands each session an index built on server/text.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

struct question_match {
    std::string id;
    double score = 0;  // in (0, 1]
};

class question_matcher {
public:
    virtual ~question_matcher() = default;
    // Adds a question, or replaces its text.
    virtual void put(const std::string& id, std::string_view text) = 0;
    virtual void remove(const std::string& id) = 0;
    // Up to `limit` of the questions `include` accepts that score at least
    // the matcher's threshold against the text, best first.
    virtual std::vector<question_match> find(std::string_view text, std::size_t limit,
                                             const std::function<bool(const std::string&)>& include) const = 0;
};

}  // namespace veche::core
