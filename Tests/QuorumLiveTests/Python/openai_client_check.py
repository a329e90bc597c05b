"""Drives a Quorum gateway with the official `openai` package and prints what it saw as JSON.

Usage: openai_client_check.py BASE_URL API_KEY MODEL [MODEL ...]
For each model: a non-streaming call, a streaming call with usage, and error cases.
"""
import json
import sys

import openai

base_url, api_key, models = sys.argv[1], sys.argv[2], sys.argv[3:]
client = openai.OpenAI(base_url=base_url, api_key=api_key, max_retries=0, timeout=300)
question = [{"role": "user", "content": "What is 17 + 25? Answer with just the number."}]
report = {"models": [m.id for m in client.models.list().data], "results": {}}

for model in models:
    result = {}
    completion = client.chat.completions.create(model=model, messages=question, max_tokens=32)
    result["text"] = completion.choices[0].message.content
    result["finish_reason"] = completion.choices[0].finish_reason
    result["usage"] = completion.usage.model_dump()
    pieces, usage = [], None
    stream = client.chat.completions.create(
        model=model, messages=question, max_tokens=32, stream=True, stream_options={"include_usage": True})
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        if chunk.usage:
            usage = chunk.usage.model_dump()
    result["stream_text"] = "".join(pieces)
    result["stream_chunks"] = len(pieces)
    result["stream_usage"] = usage
    report["results"][model] = result

errors = {}
try:
    client.chat.completions.create(model="no-such-model", messages=question)
except openai.NotFoundError as error:
    errors["unknown_model"] = {"status": error.status_code, "code": error.code}
try:
    client.chat.completions.create(model=models[0], messages=[])
except openai.BadRequestError as error:
    errors["empty_messages"] = {"status": error.status_code, "param": error.param}
try:
    openai.OpenAI(base_url=base_url, api_key="wrong-key", max_retries=0).models.list()
except openai.AuthenticationError as error:
    errors["wrong_key"] = {"status": error.status_code}
report["errors"] = errors
print(json.dumps(report))
