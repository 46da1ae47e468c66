"""The smallest FastAPI app the seed's backend shape needs: GET /health answers 200."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}
