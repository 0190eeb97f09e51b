#include "text/snowball_stemmer.hpp"

#include <libstemmer.h>

#include <memory>
#include <stdexcept>

namespace veche::text {
namespace {

struct stemmer_deleter {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using stemmer_ptr = std::unique_ptr<sb_stemmer, stemmer_deleter>;

stemmer_ptr make(const char* language) {
    stemmer_ptr s(sb_stemmer_new(language, "UTF_8"));
    if (!s) throw std::runtime_error(std::string("libstemmer has no stemmer for ") + language);
    return s;
}

// The first byte of a word tells its script: 0xD0/0xD1 lead the Cyrillic letters of Russian.
bool is_cyrillic(std::string_view word) {
    const auto b = static_cast<unsigned char>(word.front());
    return b == 0xD0 || b == 0xD1;
}
bool is_latin(std::string_view word) { return word.front() >= 'a' && word.front() <= 'z'; }

}  // namespace

std::string snowball_stemmer::stem(std::string_view word) const {
    if (word.empty() || (!is_cyrillic(word) && !is_latin(word))) return std::string(word);
    thread_local const stemmer_ptr russian = make("russian");
    thread_local const stemmer_ptr english = make("english");
    sb_stemmer* s = is_cyrillic(word) ? russian.get() : english.get();
    const auto* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!out) throw std::bad_alloc();
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(s)));
}

}  // namespace veche::text
