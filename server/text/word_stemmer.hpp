#pragma once
// What the similar-question index needs of a stemmer: the stem of one
// normalised (case-folded) word. Behind this interface so that the index can
// be tested with any stemmer and the Snowball library stays in one file.

#include <string>
#include <string_view>

namespace veche::text {

class word_stemmer {
public:
    virtual ~word_stemmer() = default;
    // Safe to call from any thread.
    virtual std::string stem(std::string_view word) const = 0;
};

}  // namespace veche::text
