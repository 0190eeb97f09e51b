#include "text/similarity_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace veche::text {
namespace {

double weight(std::uint32_t count, double idf) {
    return count == 1 ? idf : (1.0 + std::log(static_cast<double>(count))) * idf;
}

// How the two measures make one score: the stems say most; the trigrams
// catch what the stemmer cannot (typos, unusual endings).
constexpr double stem_weight = 0.7;
constexpr double trigram_weight = 0.3;
double combine(double cosine, double trigram_jaccard) { return stem_weight * cosine + trigram_weight * trigram_jaccard; }

// How many of two sorted, unique lists' items they share.
std::uint32_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::uint32_t n = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j) ++i;
        else if (*j < *i) ++j;
        else ++n, ++i, ++j;
    }
    return n;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> counted(std::vector<std::uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const auto id : ids) {
        if (!out.empty() && out.back().first == id) ++out.back().second;
        else out.emplace_back(id, 1);
    }
    return out;
}

}  // namespace

void similarity_index::put(const std::string& id, std::string_view text) {
    remove(id);
    auto analysed = analyzer_.analyse(text);
    document doc{id, {}, std::move(analysed.trigrams), true};
    std::vector<std::uint32_t> ids;
    for (const auto& stem : analysed.stems) {
        const auto [it, added] = term_ids_.try_emplace(stem, static_cast<std::uint32_t>(df_.size()));
        if (added) {
            df_.push_back(0);
            term_docs_.emplace_back();
        }
        ids.push_back(it->second);
    }
    doc.terms = counted(std::move(ids));
    const auto slot = static_cast<std::uint32_t>(docs_.size());
    for (const auto& [term, count] : doc.terms) {
        ++df_[term];
        term_docs_[term].push_back(slot);
    }
    for (const auto trigram : doc.trigrams) trigram_docs_[trigram].push_back(slot);
    docs_.push_back(std::move(doc));
    slot_of_[id] = slot;
}

void similarity_index::remove(const std::string& id) {
    const auto it = slot_of_.find(id);
    if (it == slot_of_.end()) return;
    auto& doc = docs_[it->second];
    doc.live = false;
    for (const auto& [term, count] : doc.terms) --df_[term];
    slot_of_.erase(it);
}

double similarity_index::idf(std::uint32_t df) const {
    // The same few values over and over (idf depends on the question count and df only): kept
    // until a question is added or removed, so a query does not take two logarithms per term.
    if (idf_table_size_ != slot_of_.size()) {
        idf_table_size_ = slot_of_.size();
        idf_table_.assign(idf_table_size_ + 2, -1.0);
    }
    if (df >= idf_table_.size()) idf_table_.resize(df + 1, -1.0);
    auto& cached = idf_table_[df];
    if (cached < 0) {
        const auto n = static_cast<double>(slot_of_.size());
        cached = std::log((n + 1.0) / (static_cast<double>(df) + 1.0)) + 1.0;
    }
    return cached;
}

similarity_index::query_terms similarity_index::prepare(std::string_view text) const {
    auto analysed = analyzer_.analyse(text);
    query_terms q;
    q.trigrams = std::move(analysed.trigrams);
    std::map<std::string_view, std::uint32_t> unknown;
    std::vector<std::uint32_t> ids;
    for (const auto& stem : analysed.stems) {
        if (const auto it = term_ids_.find(stem); it != term_ids_.end()) ids.push_back(it->second);
        else ++unknown[stem];
    }
    double norm2 = 0;
    for (const auto& [term, count] : counted(std::move(ids))) {
        const auto w = weight(count, idf(df_[term]));
        q.known.emplace_back(term, w);
        norm2 += w * w;
    }
    // A word no question has makes the query less like all of them.
    for (const auto& [stem, count] : unknown) norm2 += std::pow(weight(count, idf(0)), 2);
    q.norm = std::sqrt(norm2);
    return q;
}

double similarity_index::cosine_of(const query_terms& q, const document& d) const {
    double dot = 0, d_norm2 = 0;
    for (const auto& [term, count] : d.terms) {
        const auto w = weight(count, idf(df_[term]));
        d_norm2 += w * w;
        const auto it = std::lower_bound(q.known.begin(), q.known.end(), term,
                                         [](const auto& entry, std::uint32_t t) { return entry.first < t; });
        if (it != q.known.end() && it->first == term) dot += w * it->second;
    }
    return q.norm > 0 && d_norm2 > 0 ? dot / (q.norm * std::sqrt(d_norm2)) : 0;
}

double similarity_index::score_of(const query_terms& q, const document& d, double cosine,
                                  std::uint32_t shared_trigrams) const {
    const auto all_trigrams = q.trigrams.size() + d.trigrams.size() - shared_trigrams;
    const double jaccard =
        all_trigrams > 0 ? static_cast<double>(shared_trigrams) / static_cast<double>(all_trigrams) : 0;
    return std::min(1.0, combine(cosine, jaccard));
}

std::vector<similar_match> similarity_index::query(std::string_view text, std::size_t limit, double threshold,
                                                   const std::function<bool(const std::string&)>& include) const {
    const auto q = prepare(text);
    std::vector<similar_match> out;
    const auto keep = [&](const document& doc, double score) {
        if (score >= threshold && score > 0) out.push_back({doc.id, score});
    };
    if (threshold > trigram_weight) {
        // A question that shares no stem with the text has a cosine of 0 and
        // scores at most trigram_weight: only those sharing a stem can reach
        // the threshold. Their trigrams are compared only when the best
        // Jaccard their sizes allow could still lift them to it.
        std::vector<bool> seen(docs_.size());
        for (const auto& [term, count] : q.known)
            for (const auto slot : term_docs_[term]) {
                if (seen[slot]) continue;
                seen[slot] = true;
                const auto& doc = docs_[slot];
                if (!doc.live) continue;
                const auto cosine = cosine_of(q, doc);
                // By value: std::minmax would return references to these temporaries.
                const auto fewer = std::min(q.trigrams.size(), doc.trigrams.size());
                const auto more = std::max(q.trigrams.size(), doc.trigrams.size());
                const double best_jaccard = more > 0 ? static_cast<double>(fewer) / static_cast<double>(more) : 0;
                if (combine(cosine, best_jaccard) < threshold || !include(doc.id)) continue;
                keep(doc, score_of(q, doc, cosine, shared_count(q.trigrams, doc.trigrams)));
            }
    } else {
        // Every live question sharing a stem or a trigram; the count is of shared trigrams.
        std::unordered_map<std::uint32_t, std::uint32_t> shared;
        for (const auto trigram : q.trigrams)
            if (const auto it = trigram_docs_.find(trigram); it != trigram_docs_.end())
                for (const auto slot : it->second) ++shared[slot];
        for (const auto& [term, count] : q.known)
            for (const auto slot : term_docs_[term]) shared.try_emplace(slot, 0);
        for (const auto& [slot, trigrams] : shared) {
            const auto& doc = docs_[slot];
            if (doc.live && include(doc.id)) keep(doc, score_of(q, doc, cosine_of(q, doc), trigrams));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.score != b.score ? a.score > b.score : a.id < b.id; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

double similarity_index::score(std::string_view text, const std::string& id) const {
    const auto matches = query(text, 1, 0, [&](const std::string& other) { return other == id; });
    return matches.empty() ? 0 : matches.front().score;
}

}  // namespace veche::text
