#include "hub/question_index.hpp"

#include "text/snowball_stemmer.hpp"

namespace veche::hub {
namespace {

// Stateless (its libstemmer instances are per thread): one for every room.
const text::snowball_stemmer stemmer;

}  // namespace

question_index::question_index() : index_(stemmer) {}

std::vector<core::question_match> question_index::find(std::string_view text, std::size_t limit,
                                                       const std::function<bool(const std::string&)>& include) const {
    std::vector<core::question_match> out;
    for (auto& m : index_.query(text, limit, text::similarity_index::default_threshold, include))
        out.push_back({std::move(m.id), m.score});
    return out;
}

}  // namespace veche::hub
