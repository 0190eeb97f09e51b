#pragma once
// The similar-question index of one session (docs/protocol.md, "Similar
// questions"): which of the session's questions a text is most like.
//
// A score in (0, 1] combines two measures over what text_analyzer gives:
// the TF-IDF cosine of the stems (word forms, word order and stop words do
// not matter; a rare shared word counts more than a common one) and the
// Jaccard similarity of the character trigrams (typos and endings the
// stemmer misses). Inverted indexes over stems and trigrams find the
// candidates, so a query looks only at questions sharing something with it
// (at a threshold above the trigrams' share of the score, only those
// sharing a stem: the others cannot reach it).
// Not thread-safe: one index per session, used on the session's strand.

#include "text/text_analyzer.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace veche::text {

struct similar_match {
    std::string id;
    double score = 0;
};

class similarity_index {
public:
    // Below it, two questions are not called similar: chosen on the test set
    // in tests/unit/text/question_pairs.json (docs/benchmarks.md).
    static constexpr double default_threshold = 0.45;

    explicit similarity_index(const word_stemmer& stemmer) : analyzer_(stemmer) {}

    // Adds a question, or replaces its text.
    void put(const std::string& id, std::string_view text);
    void remove(const std::string& id);
    std::size_t size() const { return slot_of_.size(); }

    // Up to `limit` questions scoring at least `threshold`, best first (ties by id);
    // `include` says which questions may be answered (visibility, not the asker's own…).
    std::vector<similar_match> query(std::string_view text, std::size_t limit, double threshold,
                                     const std::function<bool(const std::string&)>& include) const;
    // The score of one pair, as query would give it.
    double score(std::string_view text, const std::string& id) const;

private:
    struct document {
        std::string id;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> terms;  // term id, count
        std::vector<std::uint32_t> trigrams;
        bool live = true;
    };
    struct query_terms {
        std::vector<std::pair<std::uint32_t, double>> known;  // term id, weight; sorted by term
        double norm = 0;                                      // unknown stems count here too
        std::vector<std::uint32_t> trigrams;
    };

    query_terms prepare(std::string_view text) const;
    double idf(std::uint32_t df) const;
    double cosine_of(const query_terms& q, const document& d) const;
    double score_of(const query_terms& q, const document& d, double cosine, std::uint32_t shared_trigrams) const;

    text_analyzer analyzer_;
    std::unordered_map<std::string, std::uint32_t> term_ids_;
    std::vector<std::uint32_t> df_;                       // per term: live questions that have it
    std::vector<std::vector<std::uint32_t>> term_docs_;   // per term: slots
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> trigram_docs_;
    std::vector<document> docs_;                          // slots; a removed question's slot is dead
    std::unordered_map<std::string, std::uint32_t> slot_of_;
    // idf by df, for the current number of questions (see idf()).
    mutable std::vector<double> idf_table_;
    mutable std::size_t idf_table_size_ = 0;
};

}  // namespace veche::text
