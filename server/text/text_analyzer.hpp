#pragma once
// Turns a question into what similarity is measured on (docs/protocol.md,
// "Similar questions"):
// * words: NFC, case-folded, «ё» read as «е», combining marks (stress
//   accents) dropped; anything that is not a letter or a digit separates
//   words, so punctuation and hyphens do not count;
// * stems: the words without stop words (Russian and English), each stemmed,
//   so word forms count as one word;
// * trigrams: the character trigrams of those words, each padded with a
//   space at both ends, so a typo or a different ending still shares most of
//   a word's trigrams, and word order does not matter.

#include "text/word_stemmer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veche::text {

struct analysed_text {
    std::vector<std::string> stems;      // in order, repeats kept (term frequency)
    std::vector<std::uint32_t> trigrams;  // hashed, sorted, unique
};

class text_analyzer {
public:
    explicit text_analyzer(const word_stemmer& stemmer) : stemmer_(stemmer) {}

    analysed_text analyse(std::string_view text) const;

    // The words of a text, normalised as above (stop words kept); empty for text that is not UTF-8.
    static std::vector<std::string> words(std::string_view text);
    static bool is_stop_word(std::string_view word);

private:
    const word_stemmer& stemmer_;
};

}  // namespace veche::text
