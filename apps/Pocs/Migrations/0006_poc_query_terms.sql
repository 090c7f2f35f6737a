-- The terms a word of the free-text query looks for: the lexemes PostgreSQL's 'simple' parser makes of
-- it, exactly as it made the stored POCs' terms (search_vector, poc_terms). A word is letters and
-- digits only, and the parser still splits some: "3e5a0b9c1d" reads as the number 3e5 and the word
-- a0b9c1d, so a POC named that holds those two terms and never one starting with the whole word.
-- Each term of the word must then start a term of the POC (both search paths: PocSearchSql and the
-- in-memory index through SearchIndexSql.QueryTerms).
create function poc_query_terms(word text) returns text[]
    language sql immutable parallel safe strict
    as $$ select tsvector_to_array(to_tsvector('simple'::regconfig, poc_fold(word))) $$;
