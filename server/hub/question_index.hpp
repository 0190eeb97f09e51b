#pragma once
// A session's similar-question index (server/text) as the core's
// question_matcher: Snowball stems for Russian and English, at the
// index's default threshold. Used on the room's strand only; the stemmer
// keeps one libstemmer instance per thread, so a room may move between
// the io_context's threads.

#include "core/question_matcher.hpp"
#include "text/similarity_index.hpp"

namespace veche::hub {

class question_index final : public core::question_matcher {
public:
    question_index();

    void put(const std::string& id, std::string_view text) override { index_.put(id, text); }
    void remove(const std::string& id) override { index_.remove(id); }
    std::vector<core::question_match> find(std::string_view text, std::size_t limit,
                                           const std::function<bool(const std::string&)>& include) const override;

private:
    text::similarity_index index_;
};

}  // namespace veche::hub
