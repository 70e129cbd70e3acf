"""Tiny labelled folders in the shared/data layout, for training tests that take a second."""

from __future__ import annotations

from pathlib import Path

EN = [
    ("my parcel never arrived, terrible service", 0),
    ("worst support ever, still no refund", 0),
    ("the lamp broke after a day, awful", 0),
    ("does the lamp work with alexa", 1),
    ("what time do you open on sunday", 1),
    ("the store is on main street", 1),
    ("love it, great service, thank you", 2),
    ("amazing delivery, super fast, thanks", 2),
    ("great lamp, really happy with it", 2),
]
PT = [
    ("meu pedido não chegou, péssimo atendimento", 0),
    ("produto quebrado, que vergonha, horrível", 0),
    ("ainda sem estorno, atendimento péssimo", 0),
    ("vocês entregam em manaus", 1),
    ("qual o horário da loja no domingo", 1),
    ("a loja fica na rua principal", 1),
    ("adorei, entrega rápida, obrigado", 2),
    ("ótimo produto, muito feliz com a compra", 2),
    ("atendimento excelente, amei a luminária", 2),
]


def write_folder(folder: Path, rows: list[tuple[str, int]], *, val: bool = True) -> Path:
    """`train_*` (rows repeated 3 times) and optionally `val_*` files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    train = rows * 3
    (folder / "train_text.txt").write_text("\n".join(t for t, _ in train) + "\n")
    (folder / "train_labels.txt").write_text("\n".join(str(y) for _, y in train) + "\n")
    if val:
        (folder / "val_text.txt").write_text("\n".join(t for t, _ in rows) + "\n")
        (folder / "val_labels.txt").write_text("\n".join(str(y) for _, y in rows) + "\n")
    return folder
