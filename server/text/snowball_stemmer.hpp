#pragma once
// Snowball's Russian and English stemmers (libstemmer): «гранты», «гранта»,
// «грантов» → «грант». A word is stemmed by the language of its script
// (Cyrillic: Russian, Latin: English); others are left as they are. Each
// thread gets its own libstemmer instances (they are not thread-safe).

#include "text/word_stemmer.hpp"

namespace veche::text {

class snowball_stemmer final : public word_stemmer {
public:
    std::string stem(std::string_view word) const override;
};

}  // namespace veche::text
