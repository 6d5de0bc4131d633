/** The NHS date input: day, month and year as three labelled fields in a fieldset. */
export function DateInput({ prefix, legend, hint, error, values }: { prefix: string; legend: string; hint?: string; error?: string; values?: { day?: string; month?: string; year?: string } }) {
  const described = [hint ? `${prefix}-hint` : null, error ? `${prefix}-error` : null].filter(Boolean).join(" ") || undefined;
  const box = `mt-1 block border-2 bg-white p-2 ${error ? "border-nhs-red" : "border-nhs-text"}`;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <fieldset role="group" aria-describedby={described}>
        <legend className="font-bold">{legend}</legend>
        {hint ? <div id={`${prefix}-hint`} className="text-nhs-secondary">{hint}</div> : null}
        {error ? (
          <p id={`${prefix}-error`} className="font-bold text-nhs-red">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <div className="flex gap-4">
          <div>
            <label htmlFor={`${prefix}Day`}>Day</label>
            <input id={`${prefix}Day`} name={`${prefix}Day`} inputMode="numeric" maxLength={2} defaultValue={values?.day} className={`${box} w-14`} />
          </div>
          <div>
            <label htmlFor={`${prefix}Month`}>Month</label>
            <input id={`${prefix}Month`} name={`${prefix}Month`} inputMode="numeric" maxLength={2} defaultValue={values?.month} className={`${box} w-14`} />
          </div>
          <div>
            <label htmlFor={`${prefix}Year`}>Year</label>
            <input id={`${prefix}Year`} name={`${prefix}Year`} inputMode="numeric" maxLength={4} defaultValue={values?.year} className={`${box} w-20`} />
          </div>
        </div>
      </fieldset>
    </div>
  );
}
